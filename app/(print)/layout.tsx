import "@fontsource/tinos/400.css";
import "@fontsource/tinos/700.css";
import "@fontsource/tinos/400-italic.css";
import "./letters.css";

/** Pages made for paper: no application shell, the document font shipped with the app. */
export default function PrintLayout({ children }: { children: React.ReactNode }) {
  return <div className="print-root">{children}</div>;
}
