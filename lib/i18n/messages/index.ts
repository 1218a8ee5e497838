/**
 * All messages of a locale: the core file plus one file per admin feature
 * (features/<feature>.<locale>.json, each under its own top-level namespace),
 * so that features are translated side by side without touching one big file.
 */
import accountsEn from "./features/accounts.en.json";
import auditLogEn from "./features/audit-log.en.json";
import auditLogVi from "./features/audit-log.vi.json";
import accountsVi from "./features/accounts.vi.json";
import bodiesEn from "./features/bodies.en.json";
import bodiesVi from "./features/bodies.vi.json";
import documentsEn from "./features/documents.en.json";
import documentsVi from "./features/documents.vi.json";
import doorEn from "./features/door.en.json";
import doorVi from "./features/door.vi.json";
import campaignsEn from "./features/campaigns.en.json";
import campaignsVi from "./features/campaigns.vi.json";
import essaysEn from "./features/essays.en.json";
import essaysVi from "./features/essays.vi.json";
import polishEn from "./features/polish.en.json";
import polishVi from "./features/polish.vi.json";
import requestsEn from "./features/requests.en.json";
import requestsVi from "./features/requests.vi.json";
import setupEn from "./features/setup.en.json";
import setupVi from "./features/setup.vi.json";
import safetyEn from "./features/safety.en.json";
import safetyVi from "./features/safety.vi.json";
import unitsEn from "./features/units.en.json";
import unitsVi from "./features/units.vi.json";
import en from "./en.json";
import vi from "./vi.json";

export const MESSAGES = {
  vi: {
    ...vi,
    ...unitsVi,
    ...bodiesVi,
    ...campaignsVi,
    ...accountsVi,
    ...setupVi,
    ...documentsVi,
    ...essaysVi,
    ...safetyVi,
    ...auditLogVi,
    ...doorVi,
    ...polishVi,
    ...requestsVi,
  },
  en: {
    ...en,
    ...unitsEn,
    ...bodiesEn,
    ...campaignsEn,
    ...accountsEn,
    ...setupEn,
    ...documentsEn,
    ...essaysEn,
    ...safetyEn,
    ...auditLogEn,
    ...doorEn,
    ...polishEn,
    ...requestsEn,
  },
} as const;
