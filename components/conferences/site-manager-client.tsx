"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { addBridgePointsAction, removeSiteAction, saveSiteAction } from "@/lib/conferences/actions";
import { ConflictList } from "@/components/conferences/conflict-list";
import { Field } from "@/components/ui/field";
import { initialActionResult, type ActionResult } from "@/lib/http/action-result";

interface Site {
  id: number;
  unitId: number;
  unitName: string;
  isMain: boolean;
  venue: string;
  address: string;
  capacity: number | null;
  staffIds: number[];
  invited: number;
  /** Any invitation at all (a draft or walk-in too): the site cannot be removed. */
  hasInvitations: boolean;
}
interface Props {
  conferenceId: number;
  sites: Site[];
  units: { id: number; name: string }[];
  staff: { id: number; username: string; fullName: string; unitName: string }[];
}

function Outcome({ state }: { state: ActionResult }) {
  if (state.conflicts?.length) return <ConflictList conflicts={state.conflicts} />;
  if (!state.message) return null;
  return (
    <p className={`notice ${state.ok ? "success" : "error"}`} role="status">
      {state.message}
    </p>
  );
}

function SiteForm({ conferenceId, site, units, staff }: { conferenceId: number; site?: Site } & Pick<Props, "units" | "staff">) {
  const t = useTranslations("sites");
  const [state, action, pending] = useActionState(saveSiteAction, initialActionResult);
  const errors = state.fieldErrors ?? {};
  const prefix = site ? `site-${site.id}` : "site-new";
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form key={state.ok ? state.at : 0} action={action} className="form site-form" noValidate>
      <input type="hidden" name="conferenceId" value={conferenceId} />
      {site ? <input type="hidden" name="siteId" value={site.id} /> : null}
      <div className="grid-2">
        <Field id={`${prefix}-unit`} label={t("unit")} error={errors.unitId}>
          <select id={`${prefix}-unit`} name="unitId" defaultValue={v.unitId ?? site?.unitId ?? units[1]?.id ?? units[0]?.id} disabled={site?.isMain}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          {site?.isMain ? <input type="hidden" name="unitId" value={site.unitId} /> : null}
        </Field>
        <Field id={`${prefix}-venue`} label={t("venue")} error={errors.venue}>
          <input id={`${prefix}-venue`} name="venue" defaultValue={v.venue ?? site?.venue ?? ""} maxLength={200} required />
        </Field>
        <Field id={`${prefix}-address`} label={t("address")} error={errors.address}>
          <input id={`${prefix}-address`} name="address" defaultValue={v.address ?? site?.address ?? ""} maxLength={300} />
        </Field>
        <Field id={`${prefix}-capacity`} label={t("capacity")} error={errors.capacity}>
          <input id={`${prefix}-capacity`} name="capacity" type="number" min={1} inputMode="numeric" defaultValue={v.capacity ?? site?.capacity ?? ""} />
        </Field>
      </div>
      {staff.length > 0 ? (
        <fieldset className="checkbox-group">
          <legend>{t("staff")}</legend>
          {errors.staffIds ? <p className="field-error">{errors.staffIds}</p> : null}
          {staff.map((s) => (
            <label key={s.id} className="checkbox">
              <input type="checkbox" name="staffIds" value={s.id} defaultChecked={site?.staffIds.includes(s.id)} /> {s.fullName} (<code>{s.username}</code>)
            </label>
          ))}
        </fieldset>
      ) : null}
      <Outcome state={state} />
      <div>
        <button className="button primary small" type="submit" disabled={pending}>
          {site ? t("save") : t("add")}
        </button>
      </div>
    </form>
  );
}

function RemoveSite({ conferenceId, site }: { conferenceId: number; site: Site }) {
  const t = useTranslations("sites");
  const [state, action, pending] = useActionState(removeSiteAction, initialActionResult);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="conferenceId" value={conferenceId} />
      <input type="hidden" name="siteId" value={site.id} />
      <button className="button small danger" type="submit" disabled={pending} aria-label={t("removeNamed", { venue: site.venue })}>
        {t("remove")}
      </button>
      <Outcome state={state} />
    </form>
  );
}

function AddEverywhere({ conferenceId }: { conferenceId: number }) {
  const t = useTranslations("sites");
  const [state, action, pending] = useActionState(addBridgePointsAction, initialActionResult);
  return (
    <form action={action} className="stack-sm">
      <input type="hidden" name="conferenceId" value={conferenceId} />
      <button className="button" type="submit" disabled={pending}>
        {t("addEverywhere")}
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function SiteManagerClient({ conferenceId, sites, units, staff }: Props) {
  const t = useTranslations("sites");
  const staffName = new Map(staff.map((s) => [s.id, s.fullName]));
  return (
    <div className="stack">
      <ul className="site-list" data-testid="site-list">
        {sites.map((site) => (
          <li key={site.id}>
            <div className="site-head">
              <div>
                <p className="item-title">
                  {site.venue} {site.isMain ? <span className="badge badge-scheduled">{t("main")}</span> : null}
                </p>
                <p className="muted small">
                  {site.unitName}
                  {site.address ? ` · ${site.address}` : ""}
                  {site.capacity ? ` · ${t("seats", { count: site.capacity })}` : ""} · {t("invited", { count: site.invited })}
                  {site.staffIds.length ? ` · ${t("staffList", { names: site.staffIds.map((id) => staffName.get(id)).join(", ") })}` : ""}
                </p>
              </div>
              {!site.isMain && !site.hasInvitations ? <RemoveSite conferenceId={conferenceId} site={site} /> : null}
            </div>
            <details>
              <summary>{t("edit")}</summary>
              <SiteForm conferenceId={conferenceId} site={site} units={units} staff={staff} />
            </details>
          </li>
        ))}
      </ul>
      {units.length > 1 ? <AddEverywhere conferenceId={conferenceId} /> : null}
      <details className="add-site">
        <summary>{t("addOne")}</summary>
        <SiteForm conferenceId={conferenceId} units={units} staff={staff} />
      </details>
    </div>
  );
}
