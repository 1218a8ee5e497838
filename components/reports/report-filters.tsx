import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SelectField } from "@/components/ui/select-field";
import type { ReportFilterInput } from "@/lib/schemas/reports";
import { formatDateInput } from "@/lib/time/parse";

interface Props {
  action: string;
  filter: ReportFilterInput;
  campaigns?: { id: number; title: string }[];
  units?: { code: string; name: string }[];
  bodies?: { id: number; name: string }[];
  categories: string[];
  /** Filters of this view that are not in the form (kept as hidden fields). */
  keep?: Record<string, string | number | undefined>;
}

/** Date range, unit, body and category: a plain GET form, so the URL keeps the filters. */
export async function ReportFilters({ action, filter, campaigns, units, bodies, categories, keep = {} }: Props) {
  const t = await getTranslations();
  const active = filter.from || filter.to || filter.unit || filter.body || filter.category;
  return (
    <form className="filters no-print" method="get" action={action} aria-label={t("reports.filtersLabel")}>
      {Object.entries(keep).map(([k, v]) => (v === undefined ? null : <input key={k} type="hidden" name={k} value={v} />))}
      {campaigns && campaigns.length > 1 ? (
        <SelectField
          id="filter-campaign"
          name="campaign"
          label={t("reports.campaign")}
          defaultValue={filter.campaign}
          options={campaigns.map((c) => ({ value: c.id, label: c.title }))}
        />
      ) : null}
      <div className="field narrow-field">
        <label htmlFor="filter-from">{t("reports.from")}</label>
        <input id="filter-from" name="from" placeholder="dd/mm/yyyy" inputMode="numeric" defaultValue={filter.from ? formatDateInput(filter.from) : ""} />
      </div>
      <div className="field narrow-field">
        <label htmlFor="filter-to">{t("reports.to")}</label>
        <input id="filter-to" name="to" placeholder="dd/mm/yyyy" inputMode="numeric" defaultValue={filter.to ? formatDateInput(filter.to) : ""} />
      </div>
      {units && units.length > 1 ? (
        <SelectField
          id="filter-unit"
          name="unit"
          label={t("reports.unit")}
          allLabel={t("common.all")}
          defaultValue={filter.unit}
          options={units.map((u) => ({ value: u.code, label: u.name }))}
        />
      ) : null}
      {bodies && bodies.length > 1 ? (
        <SelectField
          id="filter-body"
          name="body"
          label={t("reports.body")}
          allLabel={t("common.all")}
          defaultValue={filter.body}
          options={bodies.map((b) => ({ value: b.id, label: b.name }))}
        />
      ) : null}
      <SelectField
        id="filter-category"
        name="category"
        label={t("reports.category")}
        allLabel={t("common.all")}
        defaultValue={filter.category}
        options={categories.map((c) => ({ value: c, label: t.has(`categories.${c}`) ? t(`categories.${c}`) : c }))}
      />
      <div className="filter-actions">
        <button className="button" type="submit">
          {t("common.filter")}
        </button>
        {active ? <Link href={`${action}${keep.campaign ? `?campaign=${keep.campaign}` : ""}`}>{t("common.clearFilters")}</Link> : null}
      </div>
    </form>
  );
}

/** CSV, XLSX and print links of a view, carrying its filters. */
export async function ExportLinks({ base, query, print, children }: { base: string; query: string; print?: string; children?: React.ReactNode }) {
  const t = await getTranslations("reports");
  const q = query ? `?${query}` : "";
  return (
    <p className="row-actions no-print" data-testid="export-links">
      <a className="button" href={`${base}.csv${q}`} download>
        {t("downloadCsv")}
      </a>
      <a className="button" href={`${base}.xlsx${q}`} download>
        {t("downloadXlsx")}
      </a>
      {print ? (
        <a className="button" href={print}>
          {t("printReport")}
        </a>
      ) : null}
      {children}
    </p>
  );
}
