"use client";

import { useTranslations } from "next-intl";
import { setUnitRetiredAction } from "@/lib/units/actions";
import { ConfirmToggleFormClient } from "@/components/ui/confirm-toggle-form-client";

/** Retire (after a confirmation) or restore one unit. */
export function UnitRetireClient({ unitId, name, retired }: { unitId: number; name: string; retired: boolean }) {
  const t = useTranslations("adminUnits");
  return (
    <ConfirmToggleFormClient
      action={setUnitRetiredAction}
      fields={{ unitId, retired: retired ? "0" : "1" }}
      label={retired ? t("restore") : t("retire")}
      confirm={retired ? null : t("confirmRetire", { name })}
      danger={!retired}
    />
  );
}
