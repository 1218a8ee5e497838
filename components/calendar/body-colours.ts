/** Colour per kind of organising body: the calendar's events and its legend. */
export const BODY_COLOURS: Record<string, string> = {
  standing_committee: "#9f1d20",
  propaganda: "#1f5fa8",
  labour_federation: "#b45309",
  education_office: "#15803d",
  other: "#5b6474",
};
