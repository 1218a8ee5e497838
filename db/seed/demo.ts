import { returnedRow, firstRow, transaction } from "../client";
/**
 * The Quảng Ngãi demo (deterministic: a fixed random seed): the organisation, the campaign, the
 * province's and each district's conferences with their people and attendance, the practice
 * conference, the demo accounts. The pieces are in this folder; this is the plan that calls them,
 * in the order that keeps the random stream — and so the data — what it has always been.
 *
 * The only input that is not fixed is `now`: the practice conference's door is open from a little
 * before the moment of seeding, for a day.
 */
import { count, eq } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { hashPassword } from "@/lib/auth/password";
import { PRACTICE_GRACE_MINUTES, practiceTimes, rememberPracticeConference } from "@/lib/checkin/practice-conference";
import { DEMO_SETTING, DEMO_SETTING_VALUES } from "@/lib/settings/is-demo-data";
import { zonedDateKey } from "@/lib/time/zone";
import type { Db } from "../client";
import { DISTRICT_COMMUNES } from "../demo-roles";
import * as t from "../schema";
import { updateEach } from "../update-each";
import {
  CAMPAIGN,
  DEMO_GAPS,
  DEMO_PASSWORD,
  DISTRICT_EDUCATION_DATES,
  DISTRICT_LABOUR_DATES,
  DISTRICT_PROPAGANDA_DATES,
  DISTRICT_STANDING_DATES,
  PROVINCIAL_CONFERENCES,
} from "../seed-data";
import { seedCampaign } from "./campaign";
import { AUDIENCES, conferenceMaker, TITLES } from "./conferences";
import { BODY_KIND_OF, seedOrganisation, type BodyKey } from "./organisation";
import { peopleMaker, type SeedPlace } from "./people";
import { Random, SEED } from "./random";

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

  await transaction(db, async (tx) => {
    const d = tx;
    const { province, districtUnits, provinceBodies, districtBodies } = await seedOrganisation(d);
    const { keys, campaign, provinceReq, districtReq } = await seedCampaign(d);
    const setTokens = (rows: { id: number; token: string }[]) =>
      updateEach(
        tx,
        t.invitations,
        rows.map(({ id, token }) => ({ id, set: { token } })),
      );
    const { newName, createPool } = peopleMaker(d, rnd);
    const { letterCounters, nextLetterNumber, createConference, addSite, invite } = conferenceMaker({
      d,
      rnd,
      essayRnd,
      today,
      newName,
      scanSeq: 0,
      campaignId: campaign.id,
      privateKey: keys.privateKey,
      setTokens,
    });

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
    const pLeaders = await createPool(province.id, provincePlace, "can_bo_chu_chot", 370);
    const pLecturers = await createPool(province.id, provincePlace, "bao_cao_vien", 60);
    const pPropaganda = await createPool(province.id, provincePlace, "can_bo_tuyen_giao", 150);
    const pUnion = await createPool(province.id, provincePlace, "doan_vien_cong_doan", 230);
    let provinceWalkIn = 0;
    const provinceWalkInPool = () => pUnion[pUnion.length - 1 - (provinceWalkIn++ % 10)];

    const pc = PROVINCIAL_CONFERENCES;
    const provStanding = await createConference({
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
    const provStandingMain = await addSite(provStanding.id, province.id, true, pc.standing.venue, pc.standing.address, pc.standing.capacity);
    const provStandingLetter = nextLetterNumber(provinceBodies.standing);
    await invite(provStanding, provStandingMain, pick(pLeaders)(pc.standing.invited), provStandingLetter, "2021-02-24", provinceWalkInPool);

    const provProp = await createConference({
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
    const provPropSite = await addSite(provProp.id, province.id, true, pc.propaganda.venue, pc.propaganda.address, pc.propaganda.capacity);
    await invite(
      provProp,
      provPropSite,
      pick(pLecturers, pPropaganda)(pc.propaganda.invited),
      nextLetterNumber(provinceBodies.propaganda),
      "2021-02-25",
      provinceWalkInPool,
    );

    const provLabour = await createConference({
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
    await d.insert(t.conferenceCoBodies).values({ conferenceId: provLabour.id, bodyId: provinceBodies.labour.id });
    const provLabourSite = await addSite(provLabour.id, province.id, true, pc.labour.venue, pc.labour.address, pc.labour.capacity);
    await invite(
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
      const leaders = await createPool(row.id, place, "can_bo_chu_chot", Math.ceil(sizes.standing * 0.75), demo.highland);
      const lecturers = await createPool(row.id, place, "bao_cao_vien", Math.max(15, Math.ceil(sizes.propaganda * 0.25)), demo.highland);
      const propaganda = await createPool(row.id, place, "can_bo_tuyen_giao", sizes.propaganda, demo.highland);
      const union = await createPool(row.id, place, "doan_vien_cong_doan", sizes.labour + 5, demo.highland);
      const teachers = await createPool(row.id, place, "giao_vien", sizes.education + 5, demo.highland);
      const committeeHall = demo.code === "522" ? "Hội trường Thành ủy Quảng Ngãi" : `Hội trường ${demo.committee} ${demo.placeName}`;
      const politicalCentre = `Trung tâm Chính trị ${demo.lower} ${demo.placeName}`;
      const address = `${demo.lower.charAt(0).toUpperCase()}${demo.lower.slice(1)} ${demo.placeName}, tỉnh Quảng Ngãi`;

      const bridge = await addSite(provStanding.id, row.id, false, committeeHall, address, sizes.bridge + 20);
      await invite(provStanding, bridge, pick(leaders, lecturers)(sizes.bridge), provStandingLetter, "2021-02-24", provinceWalkInPool);

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
        const conference = await createConference({
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
        const site = await addSite(
          conference.id,
          row.id,
          true,
          plan.venue,
          demo.code === "522" && plan.key === "standing" ? "Thành phố Quảng Ngãi" : address,
          plan.people.length + 30,
        );
        await invite(conference, site, plan.people, nextLetterNumber(bodiesOf[plan.key]), workingDaysBefore(plan.date, rnd.int(4, 8)), walkInPool);
      }
    }

    // --- The practice conference: its door open from the moment of seeding, whatever the hour, for a day
    // (lib/checkin/practice-conference.ts, docs/decisions/0025); `options.practice` pins it (unit tests).
    const created = await createConference({
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
    const practice = await returnedRow(d.update(t.conferences).set(practiceWindow).where(eq(t.conferences.id, created.id)).returning());
    await rememberPracticeConference(d, practice.id);
    const practiceSite = await addSite(practice.id, province.id, true, "Hội trường Tỉnh ủy", pc.standing.address, 350);
    await invite(practice, practiceSite, pLeaders.slice(pLeaders.length - 40), nextLetterNumber(provinceBodies.propaganda), today, provinceWalkInPool);

    // --- Demo accounts
    const baTo = districtUnits.find((u) => u.demo.code === "535")!;
    const addUser = async (username: string, fullName: string, role: t.Role, unitId: number, bodyId: number | null = null) =>
      await returnedRow(d.insert(t.users).values({ username, passwordHash, fullName, role, unitId, bodyId }).returning());
    await addUser("admin", "Quản trị Ban Tuyên giáo Tỉnh ủy", "admin", province.id);
    await addUser("tochuc.bato", "Cán bộ Ban Tuyên giáo Huyện ủy Ba Tơ", "organizer", baTo.row.id, districtBodies.get("535")!.propaganda.id);
    const scanner = await addUser("diemdanh", "Cán bộ điểm danh Hội trường Tỉnh ủy", "scanner", province.id);
    await addUser("baocao.bato", "Cán bộ Văn phòng Huyện ủy Ba Tơ", "viewer", baTo.row.id);
    await d.insert(t.siteStaff).values({ siteId: practiceSite.id, userId: scanner.id });

    for (const [bodyId, lastNumber] of letterCounters) await d.insert(t.letterSequences).values({ bodyId, term: CAMPAIGN.term, lastNumber });
    await d
      .insert(t.appSettings)
      .values({ key: DEMO_SETTING, value: DEMO_SETTING_VALUES["2021"] })
      .onConflictDoUpdate({ target: t.appSettings.key, set: { value: DEMO_SETTING_VALUES["2021"] } });
  });

  const n = async (table: SQLiteTable) => (await firstRow(db.select({ n: count() }).from(table)))!.n;
  return {
    units: await n(t.units),
    bodies: await n(t.bodies),
    requirements: await n(t.campaignRequirements),
    conferences: await n(t.conferences),
    people: await n(t.people),
    invitations: await n(t.invitations),
    checkIns: await n(t.checkIns),
    users: await n(t.users),
  };
}
