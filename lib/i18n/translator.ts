/** The full translator for server actions and route handlers, with `has` typed for message keys built at run time. */
import { getTranslations } from "next-intl/server";

export type Translator = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

export async function getTranslator(): Promise<Translator> {
  return (await getTranslations()) as unknown as Translator;
}
