/**
 * DEMO=2025: a province after the 2025 reform, built entirely through the
 * functions the admin screens call (no SQL of its own): the empty start of
 * DEMO=0, the units import, body templates, the campaign form and its
 * requirements editor, the account form, the person form, the conference form
 * and the invitation list. If a screen's rules change, this demo follows them.
 *
 * Illustrative data (db/seed-2025-data.ts): the login page says so.
 */
import { and, eq } from "drizzle-orm";
import { firstRow, type Db, type Tx } from "@/db/client";
import * as t from "@/db/schema";
import { drawRole, workplacesOf } from "@/db/demo-roles";
import { ensureDefaultBodyTemplates } from "@/lib/bodies/default-body-templates";
import { createBodiesFromTemplate, createBodiesFromTemplateForKind } from "@/lib/bodies/create-bodies-from-template";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import { createCampaign } from "@/lib/campaigns/manage-campaigns";
import { saveRequirements } from "@/lib/campaigns/save-requirements";
import { saveConference } from "@/lib/conferences/save-conference";
import { saveSite } from "@/lib/conferences/manage-sites";
import { addInvitees, issueInvitations } from "@/lib/invitations/manage-invitations";
import { savePerson } from "@/lib/people/people";
import { campaignFieldsSchema, requirementSchema } from "@/lib/schemas/campaigns";
import { conferenceFormSchema, siteFormSchema } from "@/lib/schemas/conferences";
import { personFormSchema } from "@/lib/schemas/people";
import { createUserSchema } from "@/lib/schemas/users";
import { PRACTICE_GRACE_MINUTES, practiceTimes, rememberPracticeConference } from "@/lib/checkin/practice-conference";
import { DEMO_SETTING, DEMO_SETTING_VALUES } from "@/lib/settings/is-demo-data";
import { zonedDateKey } from "@/lib/time/zone";
import { importUnits } from "@/lib/units/import-units";
import { createUser } from "@/lib/users/manage-users";
import { bootstrapEmpty } from "./seed";
import { FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, MALE_GIVEN, MALE_MIDDLE } from "./seed-data";
import {
  REFORM_ACCOUNTS,
  REFORM_CAMPAIGN,
  REFORM_DAYS,
  REFORM_PASSWORD,
  REFORM_REQUIREMENTS,
  REFORM_ROOT,
  REFORM_SCHEDULED,
  REFORM_UNITS,
} from "./seed-2025-data";

export interface ReformSummary {
  units: number;
  bodies: number;
  requirements: number;
  people: number;
  invitations: number;
  users: number;
}

/** A step of the demo failed: the admin screens refused what the demo asked (a bug in the demo, or a rule changed). */
function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`DEMO=2025: ${what} bị từ chối: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

async function sessionOf(db: Db, username: string): Promise<SessionUser> {
  const row = (await firstRow(db.select().from(t.users).where(eq(t.users.username, username))))!;
  return (await loadSessionUser(db, row.id, row.sessionVersion))!;
}

const unitId = async (db: Db, code: string) => (await firstRow(db.select({ id: t.units.id }).from(t.units).where(eq(t.units.code, code))))!.id;
const bodyOf = async (db: Db, code: string, kind: string) =>
  (await firstRow(
    db
      .select({ id: t.bodies.id })
      .from(t.bodies)
      .where(and(eq(t.bodies.unitId, await unitId(db, code)), eq(t.bodies.kind, kind))),
  ))!.id;

/** Plain, fictional names, the same every run: family + middle + given. */
function personName(i: number): { name: string; female: boolean } {
  const female = i % 3 === 1;
  const family = FAMILY_NAMES[(i * 7) % FAMILY_NAMES.length][0];
  const middle = (female ? FEMALE_MIDDLE : MALE_MIDDLE)[(i * 5) % (female ? FEMALE_MIDDLE.length : MALE_MIDDLE.length)];
  const given = (female ? FEMALE_GIVEN : MALE_GIVEN)[(i * 11) % (female ? FEMALE_GIVEN.length : MALE_GIVEN.length)];
  return { name: `${family} ${middle} ${given}`, female };
}

export async function seedReform2025(db: Tx, options: { now?: Date } = {}): Promise<ReformSummary> {
  const now = options.now ?? new Date();
  // 1. The empty start, as DEMO=0 makes it: the root unit and its first admin.
  await bootstrapEmpty(db, { adminUsername: "admin", adminPassword: REFORM_PASSWORD, rootUnitName: REFORM_ROOT.name, rootUnitCode: REFORM_ROOT.code });
  await db.update(t.appSettings).set({ value: DEMO_SETTING_VALUES["2025"] }).where(eq(t.appSettings.key, DEMO_SETTING));
  const admin = await sessionOf(db, "admin");
  const root = await unitId(db, REFORM_ROOT.code);
  await db.update(t.units).set({ placeName: REFORM_ROOT.placeName }).where(eq(t.units.id, root));

  // 2. Units: the list a province imports (/admin/units/import).
  const headers = ["Mã", "Tên", "Loại", "Mã đơn vị cấp trên", "Địa danh"];
  must(
    await importUnits(
      db,
      { id: admin.id, unitId: admin.unitId, scopeUnitIds: "all" },
      { headers, rows: REFORM_UNITS.map((u) => [u.code, u.name, u.kind, u.parentCode, u.placeName]), underUnitId: root, filename: "don-vi-2025.csv" },
    ),
    "nhập đơn vị",
  );

  // 3. Bodies from the templates (/admin/bodies, "Tạo các cơ quan theo mẫu").
  await ensureDefaultBodyTemplates(db);
  must(await createBodiesFromTemplate(db, admin, root), "tạo cơ quan cấp tỉnh");
  for (const kind of [...new Set(REFORM_UNITS.map((u) => u.kind))])
    must(await createBodiesFromTemplateForKind(db, admin, kind), `tạo cơ quan cho loại ${kind}`);

  // 4. The campaign and what each kind of unit must hold (/admin/campaigns).
  const day = (days: number) => zonedDateKey(new Date(now.getTime() + days * 86_400_000));
  const campaign = must(
    await createCampaign(db, admin, campaignFieldsSchema.parse({ ...REFORM_CAMPAIGN, startDate: day(REFORM_DAYS.start), deadline: day(REFORM_DAYS.deadline) })),
    "tạo đợt học tập",
  );
  must(
    await saveRequirements(
      db,
      admin,
      campaign.id,
      REFORM_REQUIREMENTS.map(({ dueInDays, ...r }, i) => requirementSchema.parse({ ...r, dueDate: day(dueInDays), sortOrder: i + 1 })),
    ),
    "lưu các hội nghị bắt buộc",
  );

  // 5. Accounts (/admin/users), with the demo password.
  for (const a of REFORM_ACCOUNTS) {
    const input = createUserSchema.parse({
      username: a.username,
      fullName: a.fullName,
      role: a.role,
      unitId: String(await unitId(db, a.unitCode)),
      bodyId: a.bodyKind ? String(await bodyOf(db, a.unitCode, a.bodyKind)) : "",
      password: REFORM_PASSWORD,
    });
    must(await createUser(db, admin, input), `tạo tài khoản ${a.username}`);
  }

  // 6. A directory (/people/new): leaders of the province and of a few communes.
  const peopleUnits = [REFORM_ROOT.code, "51018", "51020", "51040"];
  const personIds: number[] = [];
  let n = 0;
  for (const code of peopleUnits) {
    // Position and workplace together, from the unit's plausible pairs (db/demo-roles.ts); evenly spread draws.
    const unit = REFORM_UNITS.find((u) => u.code === code);
    const unitLabel = unit ? `${unit.name.charAt(0).toLocaleLowerCase("vi")}${unit.name.slice(1)}` : REFORM_ROOT.name;
    const place = unit
      ? { placeName: unit.placeName, unit: unitLabel, committee: `Đảng ủy ${unitLabel}` }
      : { placeName: REFORM_ROOT.placeName, unit: "tỉnh", committee: "Tỉnh ủy" };
    const taken = new Map<string, number>();
    for (let i = 0; i < 15; i++, n++) {
      const { name } = personName(n);
      const category = n % 4 === 0 ? "bao_cao_vien" : "can_bo_chu_chot";
      const role = drawRole(workplacesOf(unit ? "commune" : "province_2025", category, place), (n * 0.6180339887) % 1, (n * 0.7548776662 + 0.3) % 1, taken);
      const person = must(
        await savePerson(
          db,
          admin,
          personFormSchema.parse({
            fullName: name,
            position: role.position,
            workplace: role.workplace,
            unitId: String(await unitId(db, code)),
            category: n % 4 === 0 ? "Báo cáo viên" : "Cán bộ chủ chốt",
            isPartyMember: n % 6 === 5 ? "0" : "1",
            phone: `09${String(10_000_000 + n * 7919).slice(-8)}`,
            email: "",
            externalCode: "",
          }),
        ),
        `thêm người ${name}`,
      );
      personIds.push(person.id);
    }
  }

  // 7. A practice conference open now (the conference form), its letters issued, the door account at its hall.
  const organiser = await sessionOf(db, "tochuc.tinh");
  // Its door open from a little before the moment of seeding, for a day (lib/checkin/practice-conference.ts).
  const practiceWindow = practiceTimes(now);
  const clock = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
  const practice = must(
    await saveConference(
      db,
      organiser,
      conferenceFormSchema.parse({
        campaignId: String(campaign.id),
        bodyId: String(organiser.bodyId),
        coBodyIds: [],
        requirementId: "",
        title: "Hội nghị thực hành điểm danh (dữ liệu minh họa sau sắp xếp 2025)",
        agenda: "Đón tiếp đại biểu, điểm danh\nKhai mạc\nQuán triệt Nghị quyết\nBế mạc",
        audience: "Cán bộ chủ chốt cấp tỉnh và cấp xã (minh họa)",
        chair: "Đồng chí Phó Bí thư Thường trực Tỉnh ủy",
        contact: "Văn phòng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        startDate: zonedDateKey(practiceWindow.startsAt),
        startTime: clock(practiceWindow.startsAt),
        endDate: zonedDateKey(practiceWindow.endsAt),
        endTime: clock(practiceWindow.endsAt),
        graceMinutes: String(PRACTICE_GRACE_MINUTES),
        status: "scheduled",
        venue: "Hội trường Tỉnh ủy",
        address: "Quảng Ngãi",
        capacity: "300",
        confirmWarnings: "1",
      }),
    ),
    "tạo hội nghị thực hành",
  );
  await rememberPracticeConference(db, practice.id);
  const site = (await firstRow(db.select().from(t.sites).where(eq(t.sites.conferenceId, practice.id))))!;
  const scanner = (await firstRow(db.select().from(t.users).where(eq(t.users.username, "diemdanh"))))!;
  must(
    await saveSite(
      db,
      organiser,
      siteFormSchema.parse({
        conferenceId: String(practice.id),
        siteId: String(site.id),
        unitId: String(site.unitId),
        venue: site.venue,
        address: site.address ?? "",
        capacity: String(site.capacity ?? 300),
        staffIds: [String(scanner.id)],
      }),
    ),
    "phân công điểm danh",
  );
  must(await addInvitees(db, organiser, practice.id, personIds, site.id), "lập danh sách mời");
  const issued = must(await issueInvitations(db, organiser, practice.id), "phát hành giấy mời");

  // 8. Some communes have scheduled their Standing Committee conference (the conference form, as the admin).
  const requirementOf = async (unitKind: string) =>
    (await firstRow(
      db
        .select()
        .from(t.campaignRequirements)
        .where(
          and(
            eq(t.campaignRequirements.campaignId, campaign.id),
            eq(t.campaignRequirements.unitKind, unitKind),
            eq(t.campaignRequirements.bodyKind, "standing_committee"),
          ),
        ),
    ))!.id;
  for (const planned of REFORM_SCHEDULED) {
    const unit = REFORM_UNITS.find((u) => u.code === planned.unitCode)!;
    must(
      await saveConference(
        db,
        admin,
        conferenceFormSchema.parse({
          campaignId: String(campaign.id),
          bodyId: String(await bodyOf(db, unit.code, "standing_committee")),
          coBodyIds: [],
          requirementId: String(await requirementOf(unit.kind)),
          title: `Hội nghị học tập, quán triệt ${REFORM_CAMPAIGN.resolution} — ${unit.name}`,
          agenda: "Khai mạc\nQuán triệt những nội dung cơ bản của Nghị quyết\nChương trình hành động của Đảng ủy\nBế mạc",
          audience: "Ủy viên Ban Chấp hành Đảng bộ, bí thư chi bộ, cán bộ chủ chốt",
          chair: "Đồng chí Bí thư Đảng ủy",
          contact: "Văn phòng Đảng ủy",
          startDate: day(planned.inDays),
          startTime: "07:30",
          endDate: day(planned.inDays),
          endTime: "16:30",
          graceMinutes: "15",
          status: "scheduled",
          venue: planned.venue,
          address: unit.placeName,
          capacity: "200",
          confirmWarnings: "1",
        }),
      ),
      `lên lịch hội nghị của ${unit.name}`,
    );
  }

  const count = (table: typeof t.units | typeof t.bodies | typeof t.people | typeof t.users) => db.$count(table);
  return {
    units: await count(t.units),
    bodies: await count(t.bodies),
    requirements: REFORM_REQUIREMENTS.length,
    people: await count(t.people),
    invitations: issued.count,
    users: await count(t.users),
  };
}
