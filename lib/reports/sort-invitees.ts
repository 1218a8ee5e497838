import type { InviteeLine } from "./attendance-query";

/** The invitee list's orders (by name is the query's own order). */
export const INVITEE_SORTS = {
  name: null,
  unit: (a: InviteeLine, b: InviteeLine) => a.unitName.localeCompare(b.unitName, "vi"),
  status: (a: InviteeLine, b: InviteeLine) => a.status.localeCompare(b.status),
  time: (a: InviteeLine, b: InviteeLine) => (a.checkedInAt?.getTime() ?? Infinity) - (b.checkedInAt?.getTime() ?? Infinity),
} as const;
export type InviteeSort = keyof typeof INVITEE_SORTS;

export function sortInvitees(lines: InviteeLine[], sort: InviteeSort = "name"): InviteeLine[] {
  const compare = INVITEE_SORTS[sort];
  return compare ? [...lines].sort(compare) : lines;
}

/** A page of the list: the conference page shows this many at a time (the exports have them all). */
export const INVITEES_PER_PAGE = 300;
