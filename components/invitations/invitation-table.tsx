import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/ui/status-badge";
import type { InvitationRow } from "@/lib/invitations/list-invitations";
import { formatDateTime } from "@/lib/time/format";
import { InvitationRowActionsClient } from "./invitation-row-actions-client";

interface Props {
  conferenceId: number;
  rows: InvitationRow[];
  sites: { id: number; label: string }[];
  canManage: boolean;
}

export async function InvitationTable({ conferenceId, rows, sites, canManage }: Props) {
  const t = await getTranslations();
  if (rows.length === 0) return <p className="muted">{t("invitations.empty")}</p>;
  return (
    <table className="table stack-on-phone" data-testid="invitation-table">
      <thead>
        <tr>
          <th scope="col">{t("invitations.person")}</th>
          <th scope="col">{t("invitations.unit")}</th>
          <th scope="col">{t("invitations.site")}</th>
          <th scope="col">{t("conferences.status")}</th>
          {canManage ? <th scope="col">{t("users.actions")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-invitation={r.id}>
            <td data-label={t("invitations.person")}>
              <strong>{r.fullName}</strong>
              <div className="muted small">{[r.position, r.workplace].filter(Boolean).join(", ")}</div>
              {r.substituteName ? (
                <div className="small">
                  {t("invitations.substitute")}: {r.substituteName}
                  {r.substitutePosition ? ` (${r.substitutePosition})` : ""}
                </div>
              ) : null}
            </td>
            <td data-label={t("invitations.unit")}>{r.unitName}</td>
            <td data-label={t("invitations.site")}>{r.siteVenue}</td>
            <td data-label={t("conferences.status")}>
              <StatusBadge status={r.status === "issued" ? "held" : r.status === "revoked" ? "overdue" : "draft"} label={t(`invitationStatus.${r.status}`)} />
              {r.letterNumber ? <div className="small muted">{t("invitations.letterNumber", { number: r.letterNumber })}</div> : null}
              {r.status === "revoked" && (r.revokeReason || r.revokedAt) ? (
                <div className="revoke-note" data-testid="revoke-note">
                  {r.revokeReason ? <div>{t("safety.invitation.revokedBecause", { reason: r.revokeReason })}</div> : null}
                  {r.revokedAt ? (
                    <div className="muted">
                      {r.revokedByName
                        ? t("safety.invitation.revokedAtBy", { at: formatDateTime(r.revokedAt), by: r.revokedByName })
                        : t("safety.invitation.revokedAt", { at: formatDateTime(r.revokedAt) })}
                    </div>
                  ) : null}
                </div>
              ) : null}
              {r.token && r.status === "issued" ? (
                <a className="small" href={`/i/${r.token}`} target="_blank" rel="noreferrer">
                  {t("invitations.personalPage")}
                </a>
              ) : null}
            </td>
            {canManage ? (
              <td data-label={t("users.actions")}>
                <InvitationRowActionsClient
                  conferenceId={conferenceId}
                  invitationId={r.id}
                  personName={r.fullName}
                  status={r.status}
                  siteId={r.siteId}
                  sites={sites}
                  substituteName={r.substituteName ?? ""}
                  substitutePosition={r.substitutePosition ?? ""}
                />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
