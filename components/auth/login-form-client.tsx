"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

const KNOWN_ERRORS = ["INVALID", "DISABLED"] as const;

interface Props {
  notice: string | null;
  /** Shown only while the database holds the demo. */
  demo: { password: string; accounts: { username: string; label: string }[]; note?: string; practice?: { text: string; open: boolean } } | null;
}

export function LoginFormClient({ notice, demo }: Props) {
  const t = useTranslations("login");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  /** "INVALID", "DISABLED", or a throttle refusal with its wait in seconds: "THROTTLED:12". */
  function signInErrorMessage(error: string | null | undefined): string {
    const [code, wait] = (error ?? "").split(":");
    const seconds = Math.max(1, Number.parseInt(wait ?? "", 10) || 1);
    if (code === "THROTTLED") return t("errors.THROTTLED", { seconds });
    if (code === "ADDRESS_THROTTLED") return t("errors.ADDRESS_THROTTLED", { minutes: Math.ceil(seconds / 60) });
    return t(`errors.${KNOWN_ERRORS.find((k) => k === code) ?? "INVALID"}`);
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError(t("errors.missing"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { username, password, redirect: false });
      if (result?.ok && !result.error) {
        // refresh() drops any page cached before the sign-in.
        router.replace("/");
        router.refresh();
        return;
      }
      setError(signInErrorMessage(result?.error));
    } catch {
      setError(t("errors.network"));
    }
    setPending(false);
  }

  function fillDemoAccount(username: string) {
    if (!demo || !usernameRef.current || !passwordRef.current) return;
    usernameRef.current.value = username;
    passwordRef.current.value = demo.password;
    passwordRef.current.focus();
  }

  return (
    <>
      <section className="card">
        <h1>{t("title")}</h1>
        {notice ? (
          <p className="notice success" role="status">
            {notice}
          </p>
        ) : null}
        <form className="form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="username">{t("username")}</label>
            <input ref={usernameRef} id="username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required />
          </div>
          <div className="field">
            <label htmlFor="password">{t("password")}</label>
            <input ref={passwordRef} id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
          {error ? (
            <p className="notice error" data-testid="login-error" aria-live="assertive">
              {error}
            </p>
          ) : null}
          <button className="button primary wide" type="submit" disabled={pending}>
            {pending ? t("submitting") : t("submit")}
          </button>
        </form>
      </section>
      {demo ? (
        <section className="card demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">{t("demoTitle")}</h2>
          {demo.note ? (
            <p className="notice" data-testid="demo-note">
              {demo.note}
            </p>
          ) : null}
          {demo.practice ? (
            <p className={`notice ${demo.practice.open ? "success" : "error"}`} data-testid="practice-note">
              {demo.practice.text}
            </p>
          ) : null}
          <p className="muted">{t("demoPassword", { password: demo.password })}</p>
          <ul>
            {demo.accounts.map((a) => (
              <li key={a.username}>
                <button type="button" onClick={() => fillDemoAccount(a.username)} aria-label={t("demoUse", { username: a.username })}>
                  <code>{a.username}</code>
                  <span>{a.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
