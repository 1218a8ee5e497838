import { returnedRow } from "../client";
/** The demo's conferences: each with its sites, its letter numbers and its invitations (signed tokens); held ones get their attendance. */
import { signToken } from "@/lib/tokens/qr-token";
import { zonedInstant } from "@/lib/time/zone";
import * as t from "../schema";
import { recordAttendance, type AttendanceContext } from "./attendance";
import type { BodyKey } from "./organisation";

const RESOLUTION_SHORT = "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX";
export const TITLES: Record<BodyKey, string> = {
  standing: `Hội nghị học tập, quán triệt ${RESOLUTION_SHORT} cho cán bộ chủ chốt`,
  propaganda: `Hội nghị học tập, quán triệt ${RESOLUTION_SHORT} cho báo cáo viên, cán bộ tuyên giáo`,
  labour: `Hội nghị học tập, quán triệt ${RESOLUTION_SHORT} cho cán bộ công đoàn, đoàn viên, người lao động`,
  education: `Hội nghị học tập, quán triệt ${RESOLUTION_SHORT} cho cán bộ quản lý, giáo viên`,
};
export const AUDIENCES: Record<BodyKey, string> = {
  standing:
    "Ủy viên Ban Chấp hành Đảng bộ; lãnh đạo các cơ quan, ban, ngành, Mặt trận Tổ quốc và các đoàn thể; bí thư các tổ chức cơ sở đảng; hiệu trưởng các trường; báo cáo viên; cán bộ lãnh đạo đã nghỉ hưu",
  propaganda: "Báo cáo viên; cán bộ làm công tác tuyên giáo; phóng viên, biên tập viên các cơ quan báo chí",
  labour: "Cán bộ công đoàn các cấp; đoàn viên công đoàn, người lao động tại các cơ quan, doanh nghiệp",
  education: "Cán bộ quản lý, giáo viên các trường mầm non, tiểu học, trung học cơ sở",
};
const AGENDA_FULL_DAY =
  "07:00 Đón tiếp đại biểu, điểm danh\n07:30 Khai mạc\n07:45 Quán triệt những nội dung cơ bản của Nghị quyết\n13:30 Chương trình hành động thực hiện Nghị quyết\n16:00 Thảo luận, hướng dẫn viết bài thu hoạch\n16:45 Bế mạc";
const AGENDA_HALF_DAY =
  "Đón tiếp đại biểu, điểm danh\nKhai mạc\nQuán triệt những nội dung cơ bản của Nghị quyết\nTriển khai kế hoạch thực hiện, hướng dẫn viết bài thu hoạch\nBế mạc";

export interface ConferenceContext extends AttendanceContext {
  campaignId: number;
  privateKey: string;
  /** A prepared statement on the transaction's connection. */
  setTokens: (rows: { id: number; token: string }[]) => Promise<void>;
}

export function conferenceMaker(ctx: ConferenceContext) {
  const { d, setTokens } = ctx;
  const letterCounters = new Map<number, number>();
  const nextLetterNumber = (body: typeof t.bodies.$inferSelect) => {
    const n = (letterCounters.get(body.id) ?? 0) + 1;
    letterCounters.set(body.id, n);
    return `${n}-GM/${body.symbol}`;
  };

  interface NewConference {
    unitId: number;
    body: typeof t.bodies.$inferSelect;
    requirementId: number | null;
    title: string;
    audience: string;
    chair: string;
    date: string;
    start: string;
    end: string;
    status: t.ConferenceStatus;
    cancelReason?: string;
    coBodyIds?: number[];
    contact?: string;
  }
  const createConference = async (c: NewConference) => {
    const fullDay = c.end >= "16:00";
    return await returnedRow(
      d
        .insert(t.conferences)
        .values({
          campaignId: ctx.campaignId,
          unitId: c.unitId,
          bodyId: c.body.id,
          requirementId: c.requirementId,
          title: c.title,
          agenda: fullDay ? AGENDA_FULL_DAY : AGENDA_HALF_DAY,
          audience: c.audience,
          chair: c.chair,
          contact: c.contact ?? `Văn phòng ${c.body.name}`,
          startsAt: zonedInstant(c.date, c.start),
          endsAt: zonedInstant(c.date, c.end),
          status: c.status,
          cancelReason: c.cancelReason ?? null,
          graceMinutes: 15,
        })
        .returning(),
    );
  };
  const addSite = async (conferenceId: number, unitId: number, isMain: boolean, venue: string, address: string, capacity: number) =>
    await returnedRow(d.insert(t.sites).values({ conferenceId, unitId, isMain, venue, address, capacity }).returning());

  /** Invites people to a site; for a held conference, also records who came and who was excused. */
  const invite = async (
    conference: typeof t.conferences.$inferSelect,
    site: typeof t.sites.$inferSelect,
    personIds: number[],
    letterNumber: string | null,
    issuedOn: string,
    walkInPool: () => number,
  ) => {
    const status: (typeof t.INVITATION_STATUSES)[number] = conference.status === "draft" ? "draft" : conference.status === "cancelled" ? "revoked" : "issued";
    const issuedAt = status === "draft" ? null : zonedInstant(issuedOn, "14:00");
    const rows = personIds.map((personId) => ({
      conferenceId: conference.id,
      personId,
      bodyId: conference.bodyId,
      siteId: site.id,
      kind: "invited" as const,
      status,
      letterNumber: status === "draft" ? null : letterNumber,
      issuedAt,
      revokedAt: status === "revoked" ? zonedInstant(issuedOn, "16:00") : null,
    }));
    const invitationIds: number[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      for (const r of await d
        .insert(t.invitations)
        .values(rows.slice(i, i + 500))
        .returning({ id: t.invitations.id }))
        invitationIds.push(r.id);
    }
    if (status !== "draft") {
      await setTokens(
        invitationIds.map((id) => ({ id, token: signToken({ invitationId: id, conferenceId: conference.id, tokenVersion: 1 }, ctx.privateKey) })),
      );
    }
    if (conference.status !== "held") return;
    await recordAttendance(ctx, conference, site, invitationIds, walkInPool);
  };
  return { letterCounters, nextLetterNumber, createConference, addSite, invite };
}
