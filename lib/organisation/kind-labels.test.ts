import { writerForSetup } from "@/db/client";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { createTestDb } from "@/lib/testing/test-db";
import { FALLBACK_COLOUR, loadKindLabels } from "./kind-labels";

describe("kind labels", () => {
  it("come from the tables, so an admin's new kind or rename shows without a code change", async () => {
    const handle = await createTestDb();
    try {
      const { db } = handle;
      await writerForSetup(db).insert(t.bodyKinds).values({ key: "ban_dan_toc", label: "Ban Dân tộc", colour: "#123456", sortOrder: 70 });
      await writerForSetup(db).update(t.bodyKinds).set({ label: "Ban Tuyên giáo (cũ)" }).where(eq(t.bodyKinds.key, "propaganda"));
      const english = { "bodyKind.propaganda": "Propaganda Board", "unitKind.xa": "Commune" } as Record<string, string>;

      const vi = await loadKindLabels(db, "vi", (p) => english[p]);
      expect(vi.body("ban_dan_toc")).toBe("Ban Dân tộc");
      expect(vi.body("propaganda")).toBe("Ban Tuyên giáo (cũ)");
      expect(vi.unit("dac_khu")).toBe("Đặc khu");
      expect(vi.colour("ban_dan_toc")).toBe("#123456");
      expect(vi.colour("no_such_kind")).toBe(FALLBACK_COLOUR);
      expect(vi.body("no_such_kind")).toBe("no_such_kind");

      const en = await loadKindLabels(db, "en", (p) => english[p]);
      expect(en.body("propaganda")).toBe("Propaganda Board");
      expect(en.unit("xa")).toBe("Commune");
      // No English name yet: the Vietnamese label, never a message key.
      expect(en.body("ban_dan_toc")).toBe("Ban Dân tộc");
      expect(en.bodyKinds.map((k) => k.key)).toContain("ban_dan_toc");
    } finally {
      await handle.cleanup();
    }
  });
});
