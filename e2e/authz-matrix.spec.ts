import { mapInOrder } from "@/lib/async/in-order";
import { returnedRow, firstRow, writerForSetup } from "@/db/client";
/**
 * The authorization matrix (docs/decisions/0012): every route handler (found in app/api) and every
 * server action (found in the build's server-reference manifest) × {no session, door
 * staff, viewer of another unit, organiser of another body, admin, admin of another district}. Each pair must be
 * allowed or refused as the table below says; a route or action the table does not
 * know fails the test, so a new one cannot be forgotten.
 *
 * "+" allowed: it gets past authorization (401/403/404 or the refusal message would be a
 * failure; a 400 for a body it does not like is fine). "-" refused: zero successes — a
 * route handler answers no 2xx, an action reports no success (no `"ok":true`, no redirect
 * into what it made, no data). Never a 500. Resources belong to a unit made for this test,
 * so the admin's allowed calls change nothing anyone else reads.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import { bodies, campaigns, conferences, invitations, people, personMerges, sites, unitFeeds, units, users } from "@/db/schema";
import { ensureCampaignKeys } from "@/lib/invitations/campaign-keys";
import { base32Encode } from "@/lib/tokens/base32";
import { signToken } from "@/lib/tokens/qr-token";
import { E2E_BASE_URL } from "./e2e-env";
import { createAccount, e2eDb, expect, test, createTestUnit } from "./fixtures";

const ROLES = ["anonymous", "scanner", "viewerOther", "organiserOther", "admin", "adminOther"] as const;
type Role = (typeof ROLES)[number];
/**
 * Which roles get through, as a string of six marks in ROLES order: "+" allowed, "-" refused.
 * adminOther is the admin of another district (delegated administration, docs/decisions/0018): refused on the
 * test's unit like any outsider, allowed what any signed-in user of another unit may do.
 */
type Marks = string;

// ---------------------------------------------------------------------------------------------
// Route handlers: "METHOD path" (path as in app/api, brackets kept) → marks.

const ROUTES: Record<string, Marks> = {
  "GET /api/health": "++++++",
  "GET /api/calendar/events": "--++++",
  "GET /api/campaigns/[id]/report.csv": "--++++",
  "GET /api/campaigns/[id]/report.xlsx": "--++++",
  "GET /api/campaigns/[id]/board.csv": "--++++",
  "POST /api/checkin": "-+--+-",
  "POST /api/checkin/batch": "-+--+-",
  "POST /api/checkin/substitute": "-+--+-",
  "POST /api/checkin/undo": "----+-",
  "POST /api/checkin/walk-in": "-+--+-",
  "GET /api/conferences/[id]": "----+-",
  "GET /api/conferences/[id]/report.csv": "----+-",
  "GET /api/conferences/[id]/report.xlsx": "----+-",
  "GET /api/conferences/[id]/invitations.csv": "----+-",
  "GET /api/conferences/[id]/invitations.xlsx": "----+-",
  // Door staff may read the live counter of their own sites only (the test's conference has none of theirs).
  "GET /api/conferences/[id]/live": "----+-",
  "GET /api/conferences/[id]/revocations": "----+-",
  "GET /api/feeds/[token]": "++++++",
  "GET /api/invitations/[token]": "++++++",
  "POST /api/people/import": "---+++",
  "POST /api/people/import/[batchId]/preview": "----+-",
  "POST /api/people/import/[batchId]/commit": "----+-",
  "GET /api/sites/[siteId]/roster": "-+--+-",
  "GET /api/units/[code]/report.csv": "----+-",
  "GET /api/units/[code]/report.xlsx": "----+-",
};
/** next-auth's own endpoints: not ours to judge (sign-in is covered by e2e/auth.spec.ts). */
const SKIPPED_ROUTES = ["/api/auth/[...nextauth]"];

// ---------------------------------------------------------------------------------------------
// Server actions: exported name → marks. The resources in the form belong to the test's unit.

const ACTIONS: Record<string, Marks> = {
  setLocale: "++++++",
  changeOwnPasswordAction: "-+++++",
  createUserAction: "----+-",
  resetPasswordAction: "----+-",
  setDisabledAction: "----+-",
  unlockSignInAction: "----+-",
  previewUsersImportAction: "----+-",
  commitUsersImportAction: "----+-",
  moveConferenceAction: "----+-",
  createFeedAction: "----+-",
  revokeFeedAction: "----+-",
  cancelConferenceAction: "----+-",
  duplicateConferenceAction: "----+-",
  setStatusAction: "----+-",
  saveConferenceAction: "----+-",
  addBridgePointsAction: "----+-",
  removeSiteAction: "----+-",
  saveSiteAction: "----+-",
  recordAbsenceAction: "----+-",
  recordMakeUpAction: "----+-",
  markEssaysAction: "----+-",
  unmarkEssaysAction: "----+-",
  previewEssayImportAction: "----+-",
  commitEssayImportAction: "----+-",
  rowAction: "----+-",
  substituteAction: "----+-",
  addByFilterAction: "----+-",
  addPeopleAction: "----+-",
  issueAction: "----+-",
  searchPeopleAction: "----+-",
  mergePeopleAction: "----+-",
  undoMergeAction: "----+-",
  revokeInvitationAction: "----+-",
  restoreInvitationAction: "----+-",
  restoreConferenceAction: "----+-",
  savePersonAction: "----+-",
  createBodyAction: "----+-",
  updateBodyAction: "----+-",
  retireBodyAction: "----+-",
  restoreBodyAction: "----+-",
  createBodiesFromTemplateAction: "----+-",
  createBodiesFromTemplateForKindAction: "----+-",
  saveBodyKindAction: "----+-",
  saveBodyTemplateAction: "----+-",
  deleteBodyTemplateAction: "----+-",
  createUnitAction: "----+-",
  updateUnitAction: "----+-",
  setUnitRetiredAction: "----+-",
  mergeUnitsAction: "----+-",
  saveUnitKindAction: "----+-",
  uploadUnitsImportAction: "----+-",
  commitUnitsImportAction: "----+-",
  createCampaignAction: "----+-",
  updateCampaignAction: "----+-",
  previewRequirementsAction: "----+-",
  saveRequirementsAction: "----+-",
  setArchivedAction: "----+-",
  rotateKeyAction: "----+-",
  revokeRetiredKeyAction: "----+-",
  chooseCampaignAction: "--++++",
  // Reopening the practice conference (docs/decisions/0025): admins only; the test's conference is not the practice one, so the admin's call is
  // refused for that (not for authorization) and changes nothing.
  reopenPracticeAction: "----+-",
};

const REFUSALS = ["Bạn không có quyền thực hiện thao tác này.", "Không tìm thấy, hoặc bạn không có quyền thay đổi.", "Không có quyền"];

// ---------------------------------------------------------------------------------------------

/** Every file of this name under a folder of app/. */
function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

function routeFiles(): string[] {
  return filesNamed(path.join(process.cwd(), "app", "api"), "route.ts");
}

function routeMethods(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  return ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => new RegExp(`export (async )?(function|const) ${m}\\b`).test(source));
}

/** A unit of its own: a conference with a site, a person, a draft invitation, a feed, a user and an import batch to act on. */
async function fixture(admin: APIRequestContext) {
  const db = await e2eDb();
  const code = `az${process.pid}${Date.now() % 100000}`;
  const unit = await createTestUnit(code, `Đơn vị kiểm thử quyền ${code}`, { sortOrder: 998 });
  const body = await returnedRow(
    writerForSetup(db)
      .insert(bodies)
      .values({ unitId: unit.id, kind: "standing_committee", name: `Ban Thường vụ thử ${code}`, symbol: "TQ" })
      .returning(),
  );
  const campaign = (await firstRow(db.select().from(campaigns)))!;
  const day = new Date(Date.now() + 20 * 86_400_000);
  const conference = await returnedRow(
    writerForSetup(db)
      .insert(conferences)
      .values({
        campaignId: campaign.id,
        unitId: unit.id,
        bodyId: body.id,
        title: `Hội nghị kiểm thử quyền ${code}`,
        startsAt: day,
        endsAt: new Date(day.getTime() + 3_600_000),
        status: "scheduled",
      })
      .returning(),
  );
  const site = await returnedRow(
    writerForSetup(db)
      .insert(sites)
      .values({ conferenceId: conference.id, unitId: unit.id, isMain: true, venue: `Hội trường ${code}` })
      .returning(),
  );
  const person = await returnedRow(
    writerForSetup(db).insert(people).values({ fullName: "Người Kiểm Thử", searchName: "nguoi kiem thu", unitId: unit.id }).returning(),
  );
  // A merge of two other records of the unit (docs/decisions/0024), for the undo: allowed for the admin, refused to everyone else.
  const [mergedAway, keptAfter] = await mapInOrder(
    ["Bản Sao Kiểm Thử", "Bản Sao Kiểm Thử"],
    async (fullName) => await returnedRow(writerForSetup(db).insert(people).values({ fullName, searchName: "ban sao kiem thu", unitId: unit.id }).returning()),
  );
  await writerForSetup(db).update(people).set({ mergedIntoId: keptAfter.id }).where(eq(people.id, mergedAway.id));
  const merge = await returnedRow(writerForSetup(db).insert(personMerges).values({ keptPersonId: keptAfter.id, mergedPersonId: mergedAway.id }).returning());
  const keys = await ensureCampaignKeys(db, campaign.id);
  const invitation = await returnedRow(
    writerForSetup(db)
      .insert(invitations)
      .values({ conferenceId: conference.id, personId: person.id, bodyId: body.id, siteId: site.id, status: "issued" })
      .returning(),
  );
  const token = signToken({ invitationId: invitation.id, conferenceId: conference.id, tokenVersion: 1 }, keys.privateKey);
  await writerForSetup(db).update(invitations).set({ token }).where(eq(invitations.id, invitation.id));
  const feedToken = base32Encode(crypto.getRandomValues(new Uint8Array(20)));
  const feed = await returnedRow(writerForSetup(db).insert(unitFeeds).values({ unitId: unit.id, token: feedToken }).returning());
  const victim = await createAccount("viewer", unit.code);
  const victimId = (await firstRow(db.select().from(users).where(eq(users.username, victim.username))))!.id;
  const upload = await admin.post("/api/people/import", {
    multipart: { file: { name: "nguoi.csv", mimeType: "text/csv", buffer: Buffer.from("Họ và tên\nNguyễn Văn Thử\n") }, unitId: String(unit.id) },
  });
  const batchId = ((await upload.json()) as { batchId?: number }).batchId ?? 999_999;
  return { unit, body, conference, site, person, invitation, token, feedToken, feedId: feed.id, victimId, batchId, campaign, mergeId: merge.id };
}

test.describe("authorization matrix", () => {
  test.setTimeout(180_000);

  test("every route handler and server action allows exactly the roles it should", async ({ doorConference }) => {
    const contexts = {} as Record<Role, APIRequestContext>;
    const signInAs = async (username: string, password: string) => {
      const ctx = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
      const csrf = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken: csrf.csrfToken, username, password, json: "true" }, maxRedirects: 0 });
      expect([200, 302]).toContain(res.status());
      return ctx;
    };
    const viewerOther = await createAccount("viewer", "536");
    const organiserOther = await createAccount("organizer", "535", "mat-khau-thu-1", "propaganda");
    contexts.anonymous = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
    // A door of the test's own, its cadre the scanner column.
    const door = await doorConference({ invitees: 2 });
    contexts.scanner = await signInAs(door.cadre.username, door.cadre.password);
    contexts.viewerOther = await signInAs(viewerOther.username, viewerOther.password);
    contexts.organiserOther = await signInAs(organiserOther.username, organiserOther.password);
    contexts.admin = await signInAs("admin", "demo1234");
    const adminOther = await createAccount("admin", "536");
    contexts.adminOther = await signInAs(adminOther.username, adminOther.password);
    const f = await fixture(contexts.admin);
    const problems: string[] = [];

    // --- Route handlers, found in the code.
    const params: Record<string, string> = {
      id: String(f.conference.id),
      token: f.token,
      code: f.unit.code,
      siteId: String(door.site.id),
      batchId: String(f.batchId),
    };
    const checkinBody = () => ({
      token: door.invitations[0].token,
      siteId: door.site.id,
      deviceId: "may-quyen",
      nonce: `az${Math.random().toString(36).slice(2)}${Date.now()}`,
      scannedAt: Date.now(),
      method: "hardware",
    });
    for (const file of routeFiles()) {
      const route = `/${path.relative(path.join(process.cwd(), "app"), path.dirname(file)).split(path.sep).join("/")}`;
      if (SKIPPED_ROUTES.includes(route)) continue;
      for (const method of routeMethods(file)) {
        const key = `${method} ${route}`;
        const marks = ROUTES[key];
        if (!marks) {
          problems.push(`${key}: not in the matrix — add it to e2e/authz-matrix.spec.ts`);
          continue;
        }
        let url = route.replace(/\[(\w+)\]/g, (_, p: string) =>
          p === "id" && route.startsWith("/api/campaigns") ? String(f.campaign.id) : p === "token" && route.startsWith("/api/feeds") ? f.feedToken : params[p],
        );
        if (route === "/api/calendar/events") url += `?campaign=${f.campaign.id}`;
        for (const [i, role] of ROLES.entries()) {
          const ctx = contexts[role];
          const body =
            route === "/api/checkin/batch"
              ? { siteId: door.site.id, items: [{ type: "scan", ...checkinBody() }] }
              : route.startsWith("/api/checkin/")
                ? { ...checkinBody(), invitationId: door.invitations[0].id, reason: "kiểm thử", name: "Người Thay", fullName: "Khách Thử" }
                : checkinBody();
          const response =
            method === "GET"
              ? await ctx.get(url, { maxRedirects: 0 })
              : await ctx.post(url, { data: route.startsWith("/api/checkin") ? body : {}, maxRedirects: 0 });
          const status = response.status();
          if (status >= 500) problems.push(`${key} as ${role}: ${status}`);
          else if (marks[i] === "+" && [401, 403, 404].includes(status)) problems.push(`${key} as ${role}: refused (${status}), expected allowed`);
          else if (marks[i] === "-" && status < 300) problems.push(`${key} as ${role}: ${status}, expected refused`);
        }
      }
    }
    for (const key of Object.keys(ROUTES)) {
      const [method, route] = key.split(" ");
      if (
        !routeFiles().some(
          (f) => `/${path.relative(path.join(process.cwd(), "app"), path.dirname(f)).split(path.sep).join("/")}` === route && routeMethods(f).includes(method),
        )
      )
        problems.push(`${key}: in the matrix but not in the code`);
    }

    // --- Server actions, found in the build.
    const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as {
      node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
    };
    const require = createRequire(import.meta.url);
    const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.edge.js") as {
      encodeReply: (v: unknown) => Promise<FormData | string>;
    };
    const seen = new Set<string>();
    for (const [id, entry] of Object.entries(manifest.node)) {
      const name = entry.exportedName;
      if (seen.has(name)) continue;
      seen.add(name);
      const marks = ACTIONS[name];
      if (!marks) {
        problems.push(`action ${name}: not in the matrix — add it to e2e/authz-matrix.spec.ts`);
        continue;
      }
      const worker = Object.keys(entry.workers)[0];
      const page =
        `/${worker
          .replace(/^app\//, "")
          .replace(/\/page$/, "")
          .split("/")
          .filter((s) => !s.startsWith("("))
          .join("/")}`
          .replace(/\[id\]/, String(f.conference.id))
          .replace(/\/$/, "") || "/";
      for (const [i, role] of ROLES.entries()) {
        // Every call starts from the same state: an earlier allowed call (retiring the test's body or
        // unit) must not make a later one (duplicating its conference) refuse for that reason.
        await writerForSetup(await e2eDb())
          .update(units)
          .set({ retiredAt: null, mergedIntoId: null })
          .where(eq(units.id, f.unit.id));
        await writerForSetup(await e2eDb())
          .update(bodies)
          .set({ retiredAt: null })
          .where(eq(bodies.id, f.body.id));
        // The form every action might read, pointing at the test's own unit; the admin's calls stay there.
        const form = new FormData();
        for (const [k, v] of Object.entries({
          conferenceId: f.conference.id,
          id: f.person.id,
          siteId: f.site.id,
          invitationId: f.invitation.id,
          invitationIds: f.invitation.id,
          personId: f.person.id,
          personIds: f.person.id,
          keepId: f.person.id,
          duplicateId: f.person.id,
          unitId: f.unit.id,
          bodyId: f.body.id,
          userId: f.victimId,
          feedId: f.feedId,
          mergeId: f.mergeId,
          reason: "Kiểm thử phân quyền",
          status: "draft",
          deltaDays: 0,
          deltaMinutes: 0,
          action: "revoke",
          q: "kiem thu",
        }))
          form.set(k, String(v));
        // The id's first byte says how many arguments the action takes: a form alone, or (previous state, form).
        const objectArgs = { conferenceId: f.conference.id, deltaDays: 0, deltaMinutes: 0, q: "kiem thu" };
        const args =
          name === "setLocale"
            ? ["xx"]
            : name === "moveConferenceAction" || name === "searchPeopleAction"
              ? [objectArgs]
              : // Actions written as `const x = defineCall(…)` have an id that does not tell their arity: the form alone, as the browser sends it.
                id.startsWith("40") || name === "duplicateConferenceAction"
                ? [form]
                : [{ ok: false }, form];
        const body = await encodeReply(args);
        // Sent as the browser sends it (Node's fetch encodes the FormData as multipart, in order).
        const cookie = (await contexts[role].storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
        const response = await fetch(`${E2E_BASE_URL}${page}`, {
          method: "POST",
          headers: { "next-action": id, origin: E2E_BASE_URL, accept: "text/x-component", cookie },
          body,
          redirect: "manual",
        });
        const status = response.status;
        const text = await response.text();
        const redirect = response.headers.get("x-action-redirect") ?? response.headers.get("location") ?? "";
        const succeeded = text.includes('"ok":true') || /\/edit/.test(redirect) || text.includes(f.person.fullName);
        // A page re-rendered after a change carries every message, refusals included: success decides first.
        const refused = !succeeded && ([401, 403, 404].includes(status) || redirect.startsWith("/login") || REFUSALS.some((r) => text.includes(r)));
        if (status >= 500) problems.push(`action ${name} as ${role}: ${status}`);
        else if (marks[i] === "+" && refused) problems.push(`action ${name} as ${role}: refused (${status}), expected allowed`);
        else if (marks[i] === "-" && succeeded) problems.push(`action ${name} as ${role}: succeeded (${status}), expected refused`);
      }
    }
    for (const name of Object.keys(ACTIONS)) if (!seen.has(name)) problems.push(`action ${name}: in the matrix but not in the build`);

    for (const ctx of Object.values(contexts)) await ctx.dispose();
    expect(problems).toEqual([]);
    // Nothing the refused roles tried changed the test's unit.
    expect(
      await firstRow(
        (await e2eDb())
          .select()
          .from(conferences)
          .where(and(eq(conferences.id, f.conference.id))),
      ),
    ).toBeTruthy();
  });
});

// ---------------------------------------------------------------------------------------------
// docs/decisions/0015: a provincial conference with bridge points, read by users of one district (Ba Tơ),
// through every page and API of a conference found in the code (plain and with ?site= another
// unit's bridge point). Nothing of another unit's site may come back: its venue, its invitees,
// any token (the door credential).

function conferencePages(): string[] {
  return filesNamed(path.join(process.cwd(), "app"), "page.tsx")
    .map(
      (file) =>
        `/${path
          .relative(path.join(process.cwd(), "app"), path.dirname(file))
          .split(path.sep)
          .filter((s) => !s.startsWith("("))
          .join("/")}`,
    )
    .filter((route) => route.startsWith("/conferences/[id]"));
}

test.describe("a provincial conference seen from another unit", () => {
  test.setTimeout(120_000);

  test("every page and API of the conference shows that unit's part only, and no tokens", async () => {
    const db = await e2eDb();
    const [{ id: conferenceId }] = await db
      .select({ id: sites.conferenceId })
      .from(sites)
      .groupBy(sites.conferenceId)
      .orderBy(sql`count(*) desc`)
      .limit(1);
    const baTo = (await firstRow(db.select().from(units).where(eq(units.code, "535"))))!;
    const lySon = (await firstRow(db.select().from(units).where(eq(units.code, "536"))))!;
    const allSites = await db.select().from(sites).where(eq(sites.conferenceId, conferenceId));
    const own = allSites.find((s) => s.unitId === baTo.id)!;
    const other = allSites.find((s) => s.unitId === lySon.id)!;
    expect(allSites.length).toBeGreaterThanOrEqual(14);
    // A marker invitee at Lý Sơn's bridge point, with a name no other person has.
    const marker = `Đại Biểu Đảo Riêng ${process.pid}`;
    const conference = (await firstRow(db.select().from(conferences).where(eq(conferences.id, conferenceId))))!;
    const person = await returnedRow(
      writerForSetup(db).insert(people).values({ fullName: marker, searchName: marker.toLowerCase(), unitId: lySon.id, phone: "0999000111" }).returning(),
    );
    const keys = await ensureCampaignKeys(db, conference.campaignId);
    const invitation = await returnedRow(
      writerForSetup(db)
        .insert(invitations)
        .values({ conferenceId, personId: person.id, bodyId: conference.bodyId, siteId: other.id, status: "issued" })
        .returning(),
    );
    const markerToken = signToken({ invitationId: invitation.id, conferenceId, tokenVersion: 1 }, keys.privateKey);
    await writerForSetup(db).update(invitations).set({ token: markerToken }).where(eq(invitations.id, invitation.id));
    const tokens = (
      await db
        .select({ token: invitations.token })
        .from(invitations)
        .where(and(eq(invitations.conferenceId, conferenceId), eq(invitations.status, "issued")))
    )
      .map((r) => r.token!)
      .filter(Boolean);
    const ownInvitee = (await firstRow(
      db
        .select({ name: people.fullName })
        .from(invitations)
        .innerJoin(people, eq(people.id, invitations.personId))
        .where(and(eq(invitations.siteId, own.id), eq(invitations.status, "issued"))),
    ))!.name;
    const forbidden = [marker, ...allSites.filter((s) => s.unitId !== baTo.id).map((s) => s.venue)];

    const viewer = await createAccount("viewer", "535");
    const organiser = await createAccount("organizer", "535", "mat-khau-thu-1", "propaganda");
    const problems: string[] = [];
    const urls: string[] = [];
    for (const page of conferencePages()) urls.push(page.replace("[id]", String(conferenceId)));
    for (const file of routeFiles()) {
      const route = `/${path.relative(path.join(process.cwd(), "app"), path.dirname(file)).split(path.sep).join("/")}`;
      if (!routeMethods(file).includes("GET")) continue;
      if (route.startsWith("/api/conferences/[id]")) urls.push(route.replace("[id]", String(conferenceId)));
      if (route.startsWith("/api/sites/[siteId]")) urls.push(route.replace("[siteId]", String(other.id)));
    }
    urls.push(`/api/conferences/${conferenceId}.ics`);
    expect(urls).toEqual(
      expect.arrayContaining([`/conferences/${conferenceId}`, `/conferences/${conferenceId}/invitations`, `/api/conferences/${conferenceId}/live`]),
    );

    for (const account of [viewer, organiser]) {
      const ctx = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
      const csrf = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
      await ctx.post("/api/auth/callback/credentials", {
        form: { csrfToken: csrf.csrfToken, username: account.username, password: account.password, json: "true" },
        maxRedirects: 0,
      });
      for (const url of urls) {
        // The search box echoes q: search for the marker without its diacritics, look for it with them.
        for (const query of ["", `?site=${other.id}`, `?site=${other.id}&q=${encodeURIComponent(`dai bieu dao rieng ${process.pid}`)}`, `?q=0999000111`]) {
          const response = await ctx.get(`${url}${query}`, { maxRedirects: 0 });
          const text = await response.text();
          if (response.status() >= 500) problems.push(`${url}${query} as ${account.username}: ${response.status()}`);
          for (const s of forbidden) if (text.includes(s)) problems.push(`${url}${query} as ${account.username}: shows "${s}"`);
          if (tokens.some((t) => text.includes(t))) problems.push(`${url}${query} as ${account.username}: shows a token`);
        }
      }
      // Their own part is there.
      const page = await (await ctx.get(`/conferences/${conferenceId}`)).text();
      if (!page.includes(own.venue)) problems.push(`/conferences/${conferenceId} as ${account.username}: own bridge point missing`);
      const list = await (await ctx.get(`/conferences/${conferenceId}/invitations?q=${encodeURIComponent(ownInvitee)}`)).text();
      if (!list.includes(ownInvitee)) problems.push(`invitations as ${account.username}: own invitee missing`);
      await ctx.dispose();
    }
    expect(problems).toEqual([]);
  });
});
