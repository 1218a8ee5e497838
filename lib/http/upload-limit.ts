/**
 * The largest file a form may send to a server action: next.config.mjs caps an
 * action's body at 1 MB (multipart overhead included), and past it Next answers
 * 413 with the generic error page. Upload forms check the file against this
 * first and say so in words. (The people import goes through its own route, 20 MB.)
 */
export const MAX_ACTION_UPLOAD_BYTES = 900 * 1024;

/** The chosen file of a form's `file` input is over the limit. */
export function uploadTooLarge(form: HTMLFormElement): boolean {
  const input = form.elements.namedItem("file");
  const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
  return !!file && file.size > MAX_ACTION_UPLOAD_BYTES;
}
