/**
 * Seeding: the Quảng Ngãi demo (deterministic: a fixed random seed), the empty
 * start (DEMO=0) and the reset used by `npm run db:seed`.
 *
 * The only input that is not fixed is `now`: the practice conference's door is
 * open from a little before the moment of seeding, for a day.
 */
import { count, eq, sql } from "drizzle-orm";
import type { SQLiteInsertValue, SQLiteTable } from "drizzle-orm/sqlite-core";
import { hashPassword } from "@/lib/auth/password";
import { PRACTICE_GRACE_MINUTES, practiceTimes, rememberPracticeConference } from "@/lib/checkin/practice-conference";
import { foldForSearch } from "@/lib/text/fold";
import { DEMO_SETTING, DEMO_SETTING_VALUES } from "@/lib/settings/is-demo-data";
import { generateCampaignKeys, signToken } from "@/lib/tokens/qr-token";
import { zonedDateKey, zonedInstant } from "@/lib/time/zone";
import type { Db } from "./client";
import { DISTRICT_COMMUNES, drawRole, workplacesOf, type DemoLevel, type RolePlace } from "./demo-roles";
import * as t from "./schema";
import {
  CAMPAIGN,
  CATEGORIES,
  DEMO_GAPS,
  DEMO_PASSWORD,
  DISTRICT_EDUCATION_DATES,
  DISTRICT_LABOUR_DATES,
  DISTRICT_LEVEL_KINDS,
  DISTRICT_PROPAGANDA_DATES,
  DISTRICT_STANDING_DATES,
  DISTRICT_UNITS,
  EXCUSE_NOTES,
  EXCUSE_REASONS,
  FAMILY_NAMES,
  FEMALE_GIVEN,
  FEMALE_MIDDLE,
  MALE_GIVEN,
  MALE_MIDDLE,
  PARTY_ORGANISATIONS,
  PROVINCE,
  PROVINCIAL_CONFERENCES,
  type CategoryCode,
} from "./seed-data";

export const SEED = 20210301;

/** A unit as its people's workplaces see it (db/demo-roles.ts). */
type SeedPlace = RolePlace & { level: DemoLevel; code?: string };

// ---------------------------------------------------------------------------
// Small deterministic random helpers

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(min = 0, max = 1) {
    return min + (max - min) * this.next();
  }
  int(min: number, max: number) {
    return Math.floor(this.float(min, max + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly [T, number][]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.float(0, total);
    for (const [item, w] of items) {
      r -= w;
      if (r <= 0) return item;
    }
    return items[items.length - 1][0];
  }
  chance(p: number) {
    return this.next() < p;
  }
  shuffle<T>(items: T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

function insertMany<T extends SQLiteTable>(db: Db, table: T, rows: SQLiteInsertValue<T>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    db.insert(table)
      .values(rows.slice(i, i + 500))
      .run();
  }
}

// ---------------------------------------------------------------------------
// Database state

/** Table names in an order that deletes children before parents. */
const TABLES_CHILD_FIRST = [
  "audit_log",
  "import_batches",
  "campaign_retired_keys",
  "body_templates",
  "unit_feeds",
  "letter_sequences",
  "scan_log",
  "reflection_essays",
  "check_ins",
  "absences",
  "invitations",
  "people",
  "site_staff",
  "sites",
  "conference_co_bodies",
  "conferences",
  "campaign_requirements",
  "campaigns",
  "login_attempts",
  "users",
  "bodies",
  "units",
  "app_settings",
];

export function clearDatabase(db: Db): void {
  db.transaction(
    (tx) => {
      for (const table of TABLES_CHILD_FIRST) tx.run(sql.raw(`delete from "${table}"`));
      tx.run(sql`delete from sqlite_sequence`);
    },
    { behavior: "immediate" },
  );
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await db.$count(t.users)) === 0;
}

/** DEMO=0: a root unit and the first admin, nothing else. */
export async function bootstrapEmpty(
  db: Db,
  options: { adminUsername: string; adminPassword: string; rootUnitName: string; rootUnitCode: string },
): Promise<void> {
  const passwordHash = await hashPassword(options.adminPassword);
  db.transaction(
    (tx) => {
      const root = tx
        .insert(t.units)
        .values({ code: options.rootUnitCode, name: options.rootUnitName, kind: "tinh", placeName: options.rootUnitName.replace(/^Tỉnh\s+/, "") })
        .returning({ id: t.units.id })
        .get();
      tx.insert(t.users)
        .values({
          username: options.adminUsername.trim().toLowerCase(),
          passwordHash,
          fullName: "Quản trị hệ thống",
          role: "admin",
          unitId: root.id,
        })
        .run();
      tx.insert(t.appSettings).values({ key: DEMO_SETTING, value: "0" }).run();
    },
    { behavior: "immediate" },
  );
}

// ---------------------------------------------------------------------------
// The demo

export interface SeedSummary {
  units: number;
  bodies: number;
  requirements: number;
  conferences: number;
  people: number;
  invitations: number;
  checkIns: number;
  users: number;
}

type BodyKey = "standing" | "propaganda" | "labour" | "education";
const BODY_KIND_OF: Record<BodyKey, t.DemoBodyKind> = {
  standing: "standing_committee",
  propaganda: "propaganda",
  labour: "labour_federation",
  education: "education_office",
};

const RESOLUTION_SHORT = "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX";
const TITLES: Record<BodyKey, string> = {
  standing: `Hội nghị học tập, quán triệt ${RESOLUTION_SHORT} cho cán bộ chủ chốt`,
  propaganda: `Hội nghị học tập, quán triệt ${RESOLUTION_SHORT} cho báo cáo viên, cán bộ tuyên giáo`,
  labour: `Hội nghị học tập, quán triệt ${RESOLUTION_SHORT} cho cán bộ công đoàn, đoàn viên, người lao động`,
  education: `Hội nghị học tập, quán triệt ${RESOLUTION_SHORT} cho cán bộ quản lý, giáo viên`,
};
const AUDIENCES: Record<BodyKey, string> = {
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

/**
 * `now`: the moment of seeding (the practice conference opens around it). `practice`: fixed times
 * for the practice conference instead (unit tests written for a 07:30–17:00 day pass them).
 */
export async function seedDemo(db: Db, options: { now?: Date; practice?: { startsAt: Date; endsAt: Date; graceMinutes: number } } = {}): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rnd = new Random(SEED);
  // Reflection essays draw from a stream of their own: the rest of the demo stays what it was before essays existed.
  const essayRnd = new Random(SEED + 14);
  const today = zonedDateKey(now);

  db.transaction(
    (tx) => {
      const d = tx as unknown as Db;
      // --- Units
      const province = d
        .insert(t.units)
        .values({ ...PROVINCE, sortOrder: 0 })
        .returning()
        .get();
      const districtUnits = DISTRICT_UNITS.map((u, i) => ({
        demo: u,
        row: d
          .insert(t.units)
          .values({ code: u.code, name: u.name, kind: u.kind, placeName: u.placeName, parentId: province.id, sortOrder: i + 1 })
          .returning()
          .get(),
      }));
      const partyOrgs = PARTY_ORGANISATIONS.map((o, i) => ({
        demo: o,
        row: d
          .insert(t.units)
          .values({ code: o.code, name: o.name, kind: "dang_bo_truc_thuoc", placeName: "Quảng Ngãi", parentId: province.id, sortOrder: 100 + i })
          .returning()
          .get(),
      }));

      // --- Organising bodies
      // The letters' heading and default signature block (decision 0023); signers are illustrative names.
      let signerIndex = 0;
      const signer = () => {
        const i = signerIndex++;
        return `${FAMILY_NAMES[i % FAMILY_NAMES.length][0]} ${MALE_MIDDLE[i % MALE_MIDDLE.length]} ${MALE_GIVEN[(i * 7) % MALE_GIVEN.length]}`;
      };
      type Document = { parentLine: string; headingName: string; signForm: (typeof t.SIGN_FORMS)[number]; signFor: string; signerTitle: string };
      const addBody = (unitId: number, kind: t.DemoBodyKind, name: string, symbol: string, doc: Document) =>
        d
          .insert(t.bodies)
          .values({ unitId, kind, name, symbol, ...doc, signerName: signer() })
          .returning()
          .get();
      const caps = (text: string) => text.toLocaleUpperCase("vi");
      const provinceCommittee = `TỈNH ỦY ${caps(PROVINCE.placeName)}`;
      const provinceBodies = {
        standing: addBody(province.id, "standing_committee", "Ban Thường vụ Tỉnh ủy", "TU", {
          parentLine: "",
          headingName: provinceCommittee,
          signForm: "T/M",
          signFor: "BAN THƯỜNG VỤ",
          signerTitle: "PHÓ BÍ THƯ THƯỜNG TRỰC",
        }),
        propaganda: addBody(province.id, "propaganda", "Ban Tuyên giáo Tỉnh ủy", "BTGTU", {
          parentLine: provinceCommittee,
          headingName: "BAN TUYÊN GIÁO",
          signForm: "K/T",
          signFor: "TRƯỞNG BAN",
          signerTitle: "PHÓ TRƯỞNG BAN",
        }),
        labour: addBody(province.id, "labour_federation", "Liên đoàn Lao động tỉnh", "LĐLĐ", {
          parentLine: "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
          headingName: `LIÊN ĐOÀN LAO ĐỘNG TỈNH ${caps(PROVINCE.placeName)}`,
          signForm: "T/M",
          signFor: "BAN THƯỜNG VỤ",
          signerTitle: "CHỦ TỊCH",
        }),
        education: addBody(province.id, "education_office", "Sở Giáo dục và Đào tạo", "SGDĐT", {
          parentLine: `ỦY BAN NHÂN DÂN TỈNH ${caps(PROVINCE.placeName)}`,
          headingName: "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
          signForm: "",
          signFor: "",
          signerTitle: "GIÁM ĐỐC",
        }),
      };
      const districtBodies = new Map<string, Record<BodyKey, typeof t.bodies.$inferSelect>>();
      for (const { demo, row } of districtUnits) {
        const committee = `${caps(demo.committee)} ${caps(demo.placeName)}`;
        districtBodies.set(demo.code, {
          standing: addBody(row.id, "standing_committee", `Ban Thường vụ ${demo.committee} ${demo.placeName}`, demo.committeeSymbol, {
            parentLine: `ĐẢNG BỘ TỈNH ${caps(PROVINCE.placeName)}`,
            headingName: committee,
            signForm: "T/M",
            signFor: "BAN THƯỜNG VỤ",
            signerTitle: "BÍ THƯ",
          }),
          propaganda: addBody(row.id, "propaganda", `Ban Tuyên giáo ${demo.committee} ${demo.placeName}`, `BTG${demo.committeeSymbol}`, {
            parentLine: committee,
            headingName: "BAN TUYÊN GIÁO",
            signForm: "",
            signFor: "",
            signerTitle: "TRƯỞNG BAN",
          }),
          labour: addBody(row.id, "labour_federation", `Liên đoàn Lao động ${demo.lower} ${demo.placeName}`, "LĐLĐ", {
            parentLine: `LIÊN ĐOÀN LAO ĐỘNG TỈNH ${caps(PROVINCE.placeName)}`,
            headingName: `LIÊN ĐOÀN LAO ĐỘNG ${caps(demo.lower)} ${caps(demo.placeName)}`,
            signForm: "T/M",
            signFor: "BAN THƯỜNG VỤ",
            signerTitle: "CHỦ TỊCH",
          }),
          education: addBody(row.id, "education_office", `Phòng Giáo dục và Đào tạo ${demo.lower} ${demo.placeName}`, "PGDĐT", {
            parentLine: `ỦY BAN NHÂN DÂN ${caps(demo.lower)} ${caps(demo.placeName)}`,
            headingName: "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            signForm: "",
            signFor: "",
            signerTitle: "TRƯỞNG PHÒNG",
          }),
        });
      }
      for (const { demo, row } of partyOrgs) {
        const committee = caps(demo.committee);
        addBody(row.id, "standing_committee", `Ban Thường vụ ${demo.committee}`, demo.symbol, {
          parentLine: `ĐẢNG BỘ TỈNH ${caps(PROVINCE.placeName)}`,
          headingName: committee,
          signForm: "T/M",
          signFor: "BAN THƯỜNG VỤ",
          signerTitle: "BÍ THƯ",
        });
        addBody(row.id, "propaganda", `Ban Tuyên giáo ${demo.committee}`, `BTG${demo.symbol}`, {
          parentLine: committee,
          headingName: "BAN TUYÊN GIÁO",
          signForm: "",
          signFor: "",
          signerTitle: "TRƯỞNG BAN",
        });
      }

      // --- Campaign and its requirements (data, not code)
      const keys = generateCampaignKeys();
      const campaign = d
        .insert(t.campaigns)
        .values({ ...CAMPAIGN, signingPrivateKey: keys.privateKey, signingPublicKey: keys.publicKey })
        .returning()
        .get();
      // The outer connection: a drizzle transaction object has no $client (same connection, same transaction).
      const setToken = db.$client.prepare("update invitations set token = ? where id = ?");
      const addRequirement = (unitKind: string, key: BodyKey, title: string, duration: string, order: number, coBodyKinds: string[] = []) =>
        d
          .insert(t.campaignRequirements)
          .values({ campaignId: campaign.id, unitKind, bodyKind: BODY_KIND_OF[key], coBodyKinds, title, duration, sortOrder: order })
          .returning()
          .get();
      const provinceReq = {
        standing: addRequirement("tinh", "standing", "Hội nghị do Ban Thường vụ Tỉnh ủy tổ chức", "1 ngày", 1),
        propaganda: addRequirement("tinh", "propaganda", "Hội nghị do Ban Tuyên giáo Tỉnh ủy tổ chức", "1 ngày", 2),
        labour: addRequirement("tinh", "propaganda", "Hội nghị do Ban Tuyên giáo Tỉnh ủy phối hợp với Liên đoàn Lao động tỉnh tổ chức", "1 buổi", 3, [
          "labour_federation",
        ]),
      };
      const districtReq = new Map<string, Record<BodyKey, typeof t.campaignRequirements.$inferSelect>>();
      for (const kind of DISTRICT_LEVEL_KINDS) {
        districtReq.set(kind, {
          standing: addRequirement(kind, "standing", "Hội nghị do Ban Thường vụ cấp ủy tổ chức", "1 ngày", 1),
          propaganda: addRequirement(kind, "propaganda", "Hội nghị do Ban Tuyên giáo cấp ủy tổ chức", "1 ngày", 2),
          labour: addRequirement(kind, "labour", "Hội nghị do Liên đoàn Lao động tổ chức", "1 buổi", 3),
          education: addRequirement(kind, "education", "Hội nghị do Phòng Giáo dục và Đào tạo tổ chức", "1 buổi", 4),
        });
      }

      // --- People
      const usedPhones = new Set<string>();
      let personSeq = 0;
      const newName = (highland: boolean) => {
        const female = rnd.chance(0.45);
        const families: [string, number][] = highland ? FAMILY_NAMES.map(([n, w]) => [n, n === "Đinh" ? 18 : w]) : FAMILY_NAMES;
        return `${rnd.weighted(families)} ${rnd.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE)} ${rnd.pick(female ? FEMALE_GIVEN : MALE_GIVEN)}`;
      };
      // Position and workplace are drawn together from the unit's plausible pairs (db/demo-roles.ts), from the
      // same two draws of the stream as before, so that names, phones and attendance stay as they were.
      const heldPositions = new Map<number, Map<string, number>>();
      const newPerson = (unitId: number, place: SeedPlace, category: CategoryCode, highland: boolean) => {
        const fullName = newName(highland);
        const spec = CATEGORIES[category];
        const workplaceDraw = rnd.float();
        let phone: string;
        do phone = `09${String(rnd.int(0, 99_999_999)).padStart(8, "0")}`;
        while (usedPhones.has(phone));
        usedPhones.add(phone);
        personSeq++;
        const taken = heldPositions.get(unitId) ?? new Map<string, number>();
        heldPositions.set(unitId, taken);
        const role = drawRole(workplacesOf(place.level, category, { ...place, highland }, place.code), workplaceDraw, rnd.float(), taken);
        return {
          fullName,
          searchName: foldForSearch(fullName),
          position: role.position,
          workplace: role.workplace,
          unitId,
          isPartyMember: rnd.chance(spec.partyShare),
          category,
          phone,
          email: null,
          externalCode: `QNG-${String(personSeq).padStart(6, "0")}`,
        };
      };
      const createPool = (unitId: number, place: SeedPlace, category: CategoryCode, size: number, highland = false): number[] => {
        const rows = Array.from({ length: size }, () => newPerson(unitId, place, category, highland));
        const ids: number[] = [];
        for (let i = 0; i < rows.length; i += 500) {
          for (const r of d
            .insert(t.people)
            .values(rows.slice(i, i + 500))
            .returning({ id: t.people.id })
            .all())
            ids.push(r.id);
        }
        return ids;
      };

      // --- Conferences, sites, invitations, attendance
      const letterCounters = new Map<number, number>();
      const nextLetterNumber = (body: typeof t.bodies.$inferSelect) => {
        const n = (letterCounters.get(body.id) ?? 0) + 1;
        letterCounters.set(body.id, n);
        return `${n}-GM/${body.symbol}`;
      };
      let scanSeq = 0;

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
      const createConference = (c: NewConference) => {
        const fullDay = c.end >= "16:00";
        return d
          .insert(t.conferences)
          .values({
            campaignId: campaign.id,
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
          .returning()
          .get();
      };
      const addSite = (conferenceId: number, unitId: number, isMain: boolean, venue: string, address: string, capacity: number) =>
        d.insert(t.sites).values({ conferenceId, unitId, isMain, venue, address, capacity }).returning().get();

      /** Invites people to a site; for a held conference, also records who came and who was excused. */
      const invite = (
        conference: typeof t.conferences.$inferSelect,
        site: typeof t.sites.$inferSelect,
        personIds: number[],
        letterNumber: string | null,
        issuedOn: string,
        walkInPool: () => number,
      ) => {
        const status: (typeof t.INVITATION_STATUSES)[number] =
          conference.status === "draft" ? "draft" : conference.status === "cancelled" ? "revoked" : "issued";
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
          for (const r of d
            .insert(t.invitations)
            .values(rows.slice(i, i + 500))
            .returning({ id: t.invitations.id })
            .all())
            invitationIds.push(r.id);
        }
        if (status !== "draft") {
          for (const id of invitationIds) setToken.run(signToken({ invitationId: id, conferenceId: conference.id, tokenVersion: 1 }, keys.privateKey), id);
        }
        if (conference.status !== "held") return;

        const start = conference.startsAt.getTime();
        const graceMs = conference.graceMinutes * 60_000;
        const presentRate = rnd.float(0.93, 0.96);
        const excusedRate = rnd.float(Math.max(0.03, 1 - presentRate - 0.01), Math.min(0.06, 1 - presentRate));
        const lateRate = rnd.float(0.03, 0.05);
        const order = rnd.shuffle(invitationIds);
        const nPresent = Math.round(order.length * presentRate);
        const nExcused = Math.min(order.length - nPresent, Math.round(order.length * excusedRate));

        const checkIns: (typeof t.checkIns.$inferInsert)[] = [];
        const scans: (typeof t.scanLog.$inferInsert)[] = [];
        const absences: (typeof t.absences.$inferInsert)[] = [];
        const device = () => `may-${rnd.int(1, 3)}`;
        const method = () =>
          rnd.weighted<"camera" | "hardware" | "manual">([
            ["camera", 70],
            ["hardware", 20],
            ["manual", 10],
          ]);
        const recordArrival = (invitationId: number, late: boolean, how: (typeof t.CHECK_IN_METHODS)[number]) => {
          const scannedAt = late ? start + graceMs + rnd.int(1, 60) * 60_000 : start - rnd.int(0, 50) * 60_000 + rnd.int(0, 59) * 1000;
          const receivedAt = scannedAt + rnd.int(150, 1800);
          const deviceId = device();
          const nonce = `seed-${++scanSeq}`;
          checkIns.push({
            invitationId,
            conferenceId: conference.id,
            siteId: site.id,
            scannedAt: new Date(scannedAt),
            receivedAt: new Date(receivedAt),
            deviceId,
            method: how,
            isLate: late,
            nonce,
          });
          scans.push({
            nonce,
            token: `#${invitationId}`,
            invitationId,
            conferenceId: conference.id,
            siteId: site.id,
            verdict: "ok",
            method: how,
            deviceId,
            scannedAt: new Date(scannedAt),
            receivedAt: new Date(receivedAt),
          });
          if (rnd.chance(0.01)) {
            const again = scannedAt + rnd.int(1, 20) * 60_000;
            scans.push({
              nonce: `seed-${++scanSeq}`,
              token: `#${invitationId}`,
              invitationId,
              conferenceId: conference.id,
              siteId: site.id,
              verdict: "duplicate",
              method: how,
              deviceId: device(),
              scannedAt: new Date(again),
              receivedAt: new Date(again + 400),
            });
          }
        };

        order.slice(0, nPresent).forEach((id) => recordArrival(id, rnd.chance(lateRate), method()));
        for (const id of order.slice(nPresent, nPresent + nExcused)) {
          const reason = rnd.weighted<(typeof EXCUSE_REASONS)[number]>([
            ["illness", 30],
            ["business_trip", 35],
            ["family", 15],
            ["maternity", 5],
            ["on_duty", 15],
          ]);
          const madeUp = rnd.chance(0.6);
          absences.push({
            invitationId: id,
            reason,
            note: EXCUSE_NOTES[reason],
            recordedAt: new Date(start - 86_400_000),
            makeUpAttendedAt: madeUp ? new Date(start + rnd.int(7, 20) * 86_400_000) : null,
            makeUpNote: madeUp ? "Học bù tại Trung tâm Chính trị" : null,
          });
        }
        // Absent without a reason: some of them came to a make-up session (học bù) later.
        for (const id of order.slice(nPresent + nExcused)) {
          if (!rnd.chance(0.5)) continue;
          absences.push({
            invitationId: id,
            reason: null,
            note: "",
            recordedAt: new Date(start + 86_400_000),
            makeUpAttendedAt: new Date(start + rnd.int(7, 20) * 86_400_000),
            makeUpNote: "Học bù tại Trung tâm Chính trị",
          });
        }
        // Substitutes: a leader who could not come sent a deputy.
        for (const id of order.slice(0, nPresent)) {
          if (rnd.chance(0.015)) {
            d.update(t.invitations)
              .set({ substituteName: newName(false), substitutePosition: "Cấp phó (đi thay)" })
              .where(sql`${t.invitations.id} = ${id}`)
              .run();
          }
        }
        // Walk-ins: attended without an invitation.
        const walkIns = rnd.int(0, 3);
        const walkInIds: number[] = [];
        for (let i = 0; i < walkIns; i++) {
          const inv = d
            .insert(t.invitations)
            .values({
              conferenceId: conference.id,
              personId: walkInPool(),
              bodyId: conference.bodyId,
              siteId: site.id,
              kind: "walk_in",
              status: "issued",
              issuedAt: conference.startsAt,
            })
            .onConflictDoNothing()
            .returning({ id: t.invitations.id })
            .get();
          if (inv) {
            recordArrival(inv.id, false, "walk_in");
            walkInIds.push(inv.id);
          }
        }
        // Reflection essays (bài thu hoạch): most of those present hand one in within two weeks.
        const essayRate = essayRnd.float(0.85, 0.95);
        const essays: (typeof t.reflectionEssays.$inferInsert)[] = [];
        for (const id of [...order.slice(0, nPresent), ...walkInIds]) {
          if (!essayRnd.chance(essayRate)) continue;
          const day = zonedDateKey(start + essayRnd.int(1, 14) * 86_400_000);
          const submittedOn = day < today ? day : today;
          essays.push({ invitationId: id, conferenceId: conference.id, submittedOn, recordedAt: zonedInstant(submittedOn, "16:00") });
        }
        insertMany(d, t.checkIns, checkIns);
        insertMany(d, t.scanLog, scans);
        insertMany(d, t.absences, absences);
        insertMany(d, t.reflectionEssays, essays);
      };

      const pick =
        (...pools: number[][]) =>
        (n: number) =>
          pools.flat().slice(0, n);
      const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));
      const workingDaysBefore = (date: string, days: number) => {
        let ms = Date.parse(`${date}T00:00:00Z`);
        let left = days;
        while (left > 0) {
          ms -= 86_400_000;
          const dow = new Date(ms).getUTCDay();
          if (dow !== 0 && dow !== 6) left--;
        }
        return new Date(ms).toISOString().slice(0, 10);
      };

      // Province pools
      const provincePlace: SeedPlace = { level: "province", placeName: "Quảng Ngãi", committee: "Tỉnh ủy", unit: "tỉnh Quảng Ngãi" };
      const pLeaders = createPool(province.id, provincePlace, "can_bo_chu_chot", 370);
      const pLecturers = createPool(province.id, provincePlace, "bao_cao_vien", 60);
      const pPropaganda = createPool(province.id, provincePlace, "can_bo_tuyen_giao", 150);
      const pUnion = createPool(province.id, provincePlace, "doan_vien_cong_doan", 230);
      let provinceWalkIn = 0;
      const provinceWalkInPool = () => pUnion[pUnion.length - 1 - (provinceWalkIn++ % 10)];

      const pc = PROVINCIAL_CONFERENCES;
      const provStanding = createConference({
        unitId: province.id,
        body: provinceBodies.standing,
        requirementId: provinceReq.standing.id,
        title: TITLES.standing,
        audience: AUDIENCES.standing,
        chair: "Đồng chí Bí thư Tỉnh ủy",
        date: pc.standing.date,
        start: pc.standing.start,
        end: pc.standing.end,
        status: "held",
      });
      const provStandingMain = addSite(provStanding.id, province.id, true, pc.standing.venue, pc.standing.address, pc.standing.capacity);
      const provStandingLetter = nextLetterNumber(provinceBodies.standing);
      invite(provStanding, provStandingMain, pick(pLeaders)(pc.standing.invited), provStandingLetter, "2021-02-24", provinceWalkInPool);

      const provProp = createConference({
        unitId: province.id,
        body: provinceBodies.propaganda,
        requirementId: provinceReq.propaganda.id,
        title: TITLES.propaganda,
        audience: AUDIENCES.propaganda,
        chair: "Đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy",
        date: pc.propaganda.date,
        start: pc.propaganda.start,
        end: pc.propaganda.end,
        status: "held",
      });
      const provPropSite = addSite(provProp.id, province.id, true, pc.propaganda.venue, pc.propaganda.address, pc.propaganda.capacity);
      invite(
        provProp,
        provPropSite,
        pick(pLecturers, pPropaganda)(pc.propaganda.invited),
        nextLetterNumber(provinceBodies.propaganda),
        "2021-02-25",
        provinceWalkInPool,
      );

      const provLabour = createConference({
        unitId: province.id,
        body: provinceBodies.propaganda,
        requirementId: provinceReq.labour.id,
        title: TITLES.labour,
        audience: AUDIENCES.labour,
        chair: "Đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy; đồng chí Chủ tịch Liên đoàn Lao động tỉnh",
        date: pc.labour.date,
        start: pc.labour.start,
        end: pc.labour.end,
        status: "held",
      });
      d.insert(t.conferenceCoBodies).values({ conferenceId: provLabour.id, bodyId: provinceBodies.labour.id }).run();
      const provLabourSite = addSite(provLabour.id, province.id, true, pc.labour.venue, pc.labour.address, pc.labour.capacity);
      invite(
        provLabour,
        provLabourSite,
        pick(pUnion.slice(0, 220), pPropaganda.slice(70))(pc.labour.invited),
        nextLetterNumber(provinceBodies.propaganda),
        "2021-02-26",
        provinceWalkInPool,
      );

      // Districts: bridge points of the provincial Standing Committee conference, then their own four.
      for (const { demo, row } of districtUnits) {
        const bodiesOf = districtBodies.get(demo.code)!;
        const req = districtReq.get(demo.kind)!;
        const place: SeedPlace = {
          level: "district",
          code: demo.code,
          placeName: demo.placeName,
          committee: `${demo.committee} ${demo.placeName}`,
          unit: `${demo.lower} ${demo.placeName}`,
          communes: DISTRICT_COMMUNES[demo.code],
        };
        const sizes = {
          standing: clamp(220 * demo.size, 80, 400),
          propaganda: clamp(140 * demo.size, 80, 250),
          labour: clamp(170 * demo.size, 80, 350),
          education: clamp(180 * demo.size, 80, 350),
          bridge: clamp(120 * demo.size, 80, 180),
        };
        const leaders = createPool(row.id, place, "can_bo_chu_chot", Math.ceil(sizes.standing * 0.75), demo.highland);
        const lecturers = createPool(row.id, place, "bao_cao_vien", Math.max(15, Math.ceil(sizes.propaganda * 0.25)), demo.highland);
        const propaganda = createPool(row.id, place, "can_bo_tuyen_giao", sizes.propaganda, demo.highland);
        const union = createPool(row.id, place, "doan_vien_cong_doan", sizes.labour + 5, demo.highland);
        const teachers = createPool(row.id, place, "giao_vien", sizes.education + 5, demo.highland);
        const committeeHall = demo.code === "522" ? "Hội trường Thành ủy Quảng Ngãi" : `Hội trường ${demo.committee} ${demo.placeName}`;
        const politicalCentre = `Trung tâm Chính trị ${demo.lower} ${demo.placeName}`;
        const address = `${demo.lower.charAt(0).toUpperCase()}${demo.lower.slice(1)} ${demo.placeName}, tỉnh Quảng Ngãi`;

        const bridge = addSite(provStanding.id, row.id, false, committeeHall, address, sizes.bridge + 20);
        invite(provStanding, bridge, pick(leaders, lecturers)(sizes.bridge), provStandingLetter, "2021-02-24", provinceWalkInPool);

        let walkIn = 0;
        const walkInPool = () => union[union.length - 1 - (walkIn++ % 5)];
        const plans: { key: BodyKey; date: string; start: string; end: string; venue: string; people: number[]; chair: string }[] = [
          {
            key: "standing",
            date: DISTRICT_STANDING_DATES[demo.code],
            start: "07:30",
            end: "17:00",
            venue: demo.code === "522" ? "Nhà khách T50" : committeeHall,
            people: pick(leaders, lecturers, propaganda)(sizes.standing),
            chair: `Đồng chí Bí thư ${demo.committee}`,
          },
          {
            key: "propaganda",
            date: DISTRICT_PROPAGANDA_DATES[demo.code],
            start: "07:30",
            end: "17:00",
            venue: politicalCentre,
            people: pick(lecturers, propaganda, leaders)(sizes.propaganda),
            chair: `Đồng chí Trưởng Ban Tuyên giáo ${demo.committee}`,
          },
          {
            key: "labour",
            date: DISTRICT_LABOUR_DATES[demo.code],
            start: "07:30",
            end: "11:30",
            venue: committeeHall,
            people: pick(union)(sizes.labour),
            chair: `Đồng chí Chủ tịch Liên đoàn Lao động ${demo.lower}`,
          },
          {
            key: "education",
            date: DISTRICT_EDUCATION_DATES[demo.code],
            start: "13:30",
            end: "17:00",
            venue: politicalCentre,
            people: pick(teachers)(sizes.education),
            chair: "Đồng chí Trưởng phòng Giáo dục và Đào tạo",
          },
        ];
        for (const plan of plans) {
          const gap = DEMO_GAPS.find((g) => g.unitCode === demo.code && g.bodyKind === BODY_KIND_OF[plan.key]);
          const conference = createConference({
            unitId: row.id,
            body: bodiesOf[plan.key],
            requirementId: req[plan.key].id,
            title: TITLES[plan.key],
            audience: AUDIENCES[plan.key],
            chair: plan.chair,
            date: plan.date,
            start: plan.start,
            end: plan.end,
            status: gap?.status ?? "held",
            cancelReason: gap && "cancelReason" in gap ? gap.cancelReason : undefined,
          });
          const site = addSite(
            conference.id,
            row.id,
            true,
            plan.venue,
            demo.code === "522" && plan.key === "standing" ? "Thành phố Quảng Ngãi" : address,
            plan.people.length + 30,
          );
          invite(conference, site, plan.people, nextLetterNumber(bodiesOf[plan.key]), workingDaysBefore(plan.date, rnd.int(4, 8)), walkInPool);
        }
      }

      // --- The practice conference: its door open from the moment of seeding, whatever the hour, for a day
      // (lib/checkin/practice-conference.ts, docs/decisions/0025); `options.practice` pins it (unit tests).
      const created = createConference({
        unitId: province.id,
        body: provinceBodies.propaganda,
        requirementId: null,
        title: "Hội nghị thực hành điểm danh bằng mã QR (dữ liệu mẫu)",
        audience: "Cán bộ các ban, ngành tỉnh (danh sách mẫu để thử máy quét)",
        chair: "Đồng chí Phó Trưởng Ban Tuyên giáo Tỉnh ủy",
        date: today,
        start: "07:30",
        end: "17:00",
        status: "scheduled",
      });
      const practiceWindow = options.practice ?? { ...practiceTimes(now), graceMinutes: PRACTICE_GRACE_MINUTES };
      const practice = d.update(t.conferences).set(practiceWindow).where(eq(t.conferences.id, created.id)).returning().get();
      rememberPracticeConference(d, practice.id);
      const practiceSite = addSite(practice.id, province.id, true, "Hội trường Tỉnh ủy", pc.standing.address, 350);
      invite(practice, practiceSite, pLeaders.slice(pLeaders.length - 40), nextLetterNumber(provinceBodies.propaganda), today, provinceWalkInPool);

      // --- Demo accounts
      const baTo = districtUnits.find((u) => u.demo.code === "535")!;
      const addUser = (username: string, fullName: string, role: t.Role, unitId: number, bodyId: number | null = null) =>
        d.insert(t.users).values({ username, passwordHash, fullName, role, unitId, bodyId }).returning().get();
      addUser("admin", "Quản trị Ban Tuyên giáo Tỉnh ủy", "admin", province.id);
      addUser("tochuc.bato", "Cán bộ Ban Tuyên giáo Huyện ủy Ba Tơ", "organizer", baTo.row.id, districtBodies.get("535")!.propaganda.id);
      const scanner = addUser("diemdanh", "Cán bộ điểm danh Hội trường Tỉnh ủy", "scanner", province.id);
      addUser("baocao.bato", "Cán bộ Văn phòng Huyện ủy Ba Tơ", "viewer", baTo.row.id);
      d.insert(t.siteStaff).values({ siteId: practiceSite.id, userId: scanner.id }).run();

      for (const [bodyId, lastNumber] of letterCounters) d.insert(t.letterSequences).values({ bodyId, term: CAMPAIGN.term, lastNumber }).run();
      d.insert(t.appSettings)
        .values({ key: DEMO_SETTING, value: DEMO_SETTING_VALUES["2021"] })
        .onConflictDoUpdate({ target: t.appSettings.key, set: { value: DEMO_SETTING_VALUES["2021"] } })
        .run();
    },
    { behavior: "immediate" },
  );

  const n = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()!.n;
  return {
    units: n(t.units),
    bodies: n(t.bodies),
    requirements: n(t.campaignRequirements),
    conferences: n(t.conferences),
    people: n(t.people),
    invitations: n(t.invitations),
    checkIns: n(t.checkIns),
    users: n(t.users),
  };
}
