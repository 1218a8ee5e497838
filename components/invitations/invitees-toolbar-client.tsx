"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition } from "react";
import { addByFilterAction, addPeopleAction, issueAction, searchPeopleAction } from "@/lib/invitations/actions";
import { initialActionResult, type ActionResult } from "@/lib/http/action-result";

interface Props {
  conferenceId: number;
  sites: { id: number; label: string }[];
  units: { id: number; name: string }[];
  categories: { value: string; label: string }[];
  draftCount: number;
}

function Outcome({ state }: { state: ActionResult }) {
  if (!state.message) return null;
  return (
    <p className={`notice small ${state.ok ? "success" : "error"}`} role="status">
      {state.message}
    </p>
  );
}

/** Building the list: by filters, one by one, then issuing the letters. */
export function InviteesToolbarClient({ conferenceId, sites, units, categories, draftCount }: Props) {
  const t = useTranslations("invitations");
  const [filterState, filterAction, filtering] = useActionState(addByFilterAction, initialActionResult);
  const [addState, addAction, adding] = useActionState(addPeopleAction, initialActionResult);
  const [issueState, issue, issuing] = useActionState(issueAction, initialActionResult);
  const [results, setResults] = useState<Awaited<ReturnType<typeof searchPeopleAction>>>([]);
  const [searching, startSearch] = useTransition();
  const [siteId, setSiteId] = useState(String(sites[0]?.id ?? ""));

  return (
    <section className="card stack" aria-labelledby="build-title">
      <h2 id="build-title">{t("buildTitle")}</h2>
      <div className="field narrow-field">
        <label htmlFor="add-site">{t("addToSite")}</label>
        <select id="add-site" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <form action={filterAction} className="filters inner">
        <input type="hidden" name="conferenceId" value={conferenceId} />
        <input type="hidden" name="siteId" value={siteId} />
        <div className="field">
          <label htmlFor="add-category">{t("category")}</label>
          <select id="add-category" name="category" defaultValue="">
            <option value="">{t("anyCategory")}</option>
            {categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        {units.length > 1 ? (
          <div className="field">
            <label htmlFor="add-unit">{t("unit")}</label>
            <select id="add-unit" name="unitId" defaultValue="">
              <option value="">{t("anyUnit")}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="add-party">{t("partyMember")}</label>
          <select id="add-party" name="partyMember" defaultValue="">
            <option value="">{t("anyone")}</option>
            <option value="1">{t("partyMembersOnly")}</option>
            <option value="0">{t("nonMembersOnly")}</option>
          </select>
        </div>
        <div className="filter-actions">
          <button className="button" type="submit" disabled={filtering}>
            {t("addByFilter")}
          </button>
        </div>
      </form>
      <Outcome state={filterState} />

      <div className="field">
        <label htmlFor="add-search">{t("addOne")}</label>
        <input
          id="add-search"
          placeholder={t("searchHint")}
          autoComplete="off"
          onChange={(e) => {
            const q = e.target.value;
            if (q.trim().length < 2) return setResults([]);
            startSearch(async () => setResults(await searchPeopleAction({ conferenceId, q })));
          }}
        />
      </div>
      {results.length > 0 ? (
        <ul className="item-list search-results" aria-busy={searching} data-testid="people-results">
          {results.map((p) => (
            <li key={p.id} className="feed-row">
              <div>
                <p className="item-title">{p.fullName}</p>
                <p className="muted small">{[p.position, p.workplace, p.unitName].filter(Boolean).join(" · ")}</p>
              </div>
              <form
                action={(form) => {
                  addAction(form);
                  setResults((rs) => rs.filter((r) => r.id !== p.id));
                }}
              >
                <input type="hidden" name="conferenceId" value={conferenceId} />
                <input type="hidden" name="siteId" value={siteId} />
                <input type="hidden" name="personIds" value={p.id} />
                <button className="button small" type="submit" disabled={adding} aria-label={t("inviteNamed", { name: p.fullName })}>
                  {t("invite")}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <Outcome state={addState} />

      <form action={issue} className="issue-box">
        <input type="hidden" name="conferenceId" value={conferenceId} />
        <p>{t("draftsWaiting", { count: draftCount })}</p>
        <button className="button primary" type="submit" disabled={issuing || draftCount === 0}>
          {t("issue", { count: draftCount })}
        </button>
      </form>
      <Outcome state={issueState} />
    </section>
  );
}
