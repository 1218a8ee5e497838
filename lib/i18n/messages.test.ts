import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";

import coreVi from "./messages/vi.json";

const { vi, en } = MESSAGES;

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));

describe("messages", () => {
  it("has the same keys in Vietnamese and English", () => {
    expect(leaves(en as Tree).map(([k]) => k)).toEqual(leaves(vi as Tree).map(([k]) => k));
  });

  it("gives every feature file its own namespace (none hides a core one)", () => {
    const files = import.meta.glob<Tree>("./messages/features/*.json", { eager: true, import: "default" });
    const namespaces = Object.values(files).flatMap((file) => Object.keys(file));
    expect(namespaces.length).toBeGreaterThan(0);
    for (const name of namespaces) expect(Object.keys(coreVi), name).not.toContain(name);
  });

  it("has no empty message", () => {
    for (const [key, value] of [...leaves(vi as Tree), ...leaves(en as Tree)]) expect(value.trim(), key).not.toBe("");
  });

  it("stores every message in Unicode NFC (a decomposed 'Tuần' looks the same but breaks search and sorting)", () => {
    const decomposed = [...leaves(vi as Tree), ...leaves(en as Tree)].filter(([, v]) => v !== v.normalize("NFC")).map(([k]) => k);
    expect(decomposed).toEqual([]);
  });

  it("writes Vietnamese with its diacritics", () => {
    expect(vi.login.title).toBe("Đăng nhập");
    expect(vi.nav.conferences).toBe("Hội nghị");
  });
});
