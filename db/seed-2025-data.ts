/**
 * The second demo (DEMO=2025): a province after the 2025 reform — no district
 * level, commune-level units (xã, phường, đặc khu) and the Party committees of
 * provincial agencies directly under the province, merged boards, and a
 * campaign for the resolution of the 2025–2030 provincial congress.
 *
 * ILLUSTRATIVE: the names follow the pattern of the reform (communes named after
 * the former districts and towns), but the list, the codes and the numbers are
 * not the official ones: a real province imports its own list (/admin/units/import).
 * Every person is fictional; officials appear by title only.
 */

export const REFORM_PASSWORD = "demo1234";

/** The root, as DEMO=0 would make it. */
export const REFORM_ROOT = { code: "51", name: "Tỉnh Quảng Ngãi", placeName: "Quảng Ngãi" } as const;

/** Rows of the units list, as a province would import them: code, name, kind, parent code, place name. */
export const REFORM_UNITS: { code: string; name: string; kind: string; parentCode: string; placeName: string }[] = [
  ...(
    [
      ["51001", "Phường Cẩm Thành", "phuong", "Cẩm Thành"],
      ["51002", "Phường Nghĩa Lộ", "phuong", "Nghĩa Lộ"],
      ["51003", "Phường Trương Quang Trọng", "phuong", "Trương Quang Trọng"],
      ["51004", "Phường Đức Phổ", "phuong", "Đức Phổ"],
      ["51005", "Phường Sa Huỳnh", "phuong", "Sa Huỳnh"],
      ["51006", "Phường Kon Tum", "phuong", "Kon Tum"],
      ["51007", "Phường Đăk Bla", "phuong", "Đăk Bla"],
      ["51011", "Xã Bình Sơn", "xa", "Bình Sơn"],
      ["51012", "Xã Vạn Tường", "xa", "Vạn Tường"],
      ["51013", "Xã Sơn Tịnh", "xa", "Sơn Tịnh"],
      ["51014", "Xã Tư Nghĩa", "xa", "Tư Nghĩa"],
      ["51015", "Xã Nghĩa Hành", "xa", "Nghĩa Hành"],
      ["51016", "Xã Mộ Đức", "xa", "Mộ Đức"],
      ["51017", "Xã Minh Long", "xa", "Minh Long"],
      ["51018", "Xã Ba Tơ", "xa", "Ba Tơ"],
      ["51019", "Xã Ba Vì", "xa", "Ba Vì"],
      ["51020", "Xã Sơn Hà", "xa", "Sơn Hà"],
      ["51021", "Xã Sơn Tây", "xa", "Sơn Tây"],
      ["51022", "Xã Trà Bồng", "xa", "Trà Bồng"],
      ["51023", "Xã Tây Trà", "xa", "Tây Trà"],
      ["51024", "Xã Đăk Hà", "xa", "Đăk Hà"],
      ["51025", "Xã Đăk Tô", "xa", "Đăk Tô"],
      ["51026", "Xã Ngọc Hồi", "xa", "Ngọc Hồi"],
      ["51027", "Xã Sa Thầy", "xa", "Sa Thầy"],
      ["51028", "Xã Kon Plông", "xa", "Kon Plông"],
      ["51029", "Xã Đăk Glei", "xa", "Đăk Glei"],
      ["51030", "Xã Kon Rẫy", "xa", "Kon Rẫy"],
      ["51040", "Đặc khu Lý Sơn", "dac_khu", "Lý Sơn"],
    ] as const
  ).map(([code, name, kind, placeName]) => ({ code, name, kind, parentCode: REFORM_ROOT.code, placeName })),
  { code: "DBCQD", name: "Đảng bộ các cơ quan Đảng tỉnh", kind: "dang_bo_truc_thuoc", parentCode: REFORM_ROOT.code, placeName: "Quảng Ngãi" },
  { code: "DBUBND", name: "Đảng bộ Ủy ban nhân dân tỉnh", kind: "dang_bo_truc_thuoc", parentCode: REFORM_ROOT.code, placeName: "Quảng Ngãi" },
  { code: "DBCA", name: "Đảng bộ Công an tỉnh", kind: "dang_bo_truc_thuoc", parentCode: REFORM_ROOT.code, placeName: "Quảng Ngãi" },
];

export const REFORM_CAMPAIGN = {
  title: "Học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025-2030",
  resolution: "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ngãi lần thứ I, nhiệm kỳ 2025-2030",
  term: "2025-2030",
} as const;

/**
 * The campaign's dates, in days from the day the demo is loaded: it started two weeks ago and
 * runs four months, so that whoever starts the demo sees a campaign under way, not one long over.
 */
export const REFORM_DAYS = { start: -14, deadline: 120 } as const;

/** What each kind of unit must hold (illustrative: the province decides); due dates in days from loading. */
export const REFORM_REQUIREMENTS: { unitKind: string; bodyKind: string; coBodyKinds: string[]; title: string; duration: string; dueInDays: number }[] = [
  {
    unitKind: "tinh",
    bodyKind: "standing_committee",
    coBodyKinds: [],
    title: "Hội nghị quán triệt của Ban Thường vụ Tỉnh ủy",
    duration: "1 ngày",
    dueInDays: 30,
  },
  {
    unitKind: "tinh",
    bodyKind: "propaganda_mass_mobilisation",
    coBodyKinds: ["fatherland_front"],
    title: "Hội nghị của Ban Tuyên giáo và Dân vận Tỉnh ủy với Ủy ban MTTQ tỉnh",
    duration: "1 buổi",
    dueInDays: 60,
  },
  ...["xa", "phuong", "dac_khu"].flatMap((unitKind) => [
    { unitKind, bodyKind: "standing_committee", coBodyKinds: [], title: "Hội nghị quán triệt của Ban Thường vụ Đảng ủy", duration: "1 ngày", dueInDays: 75 },
    { unitKind, bodyKind: "fatherland_front", coBodyKinds: [], title: "Hội nghị của Ủy ban MTTQ cho đoàn viên, hội viên", duration: "1 buổi", dueInDays: 120 },
  ]),
  {
    unitKind: "dang_bo_truc_thuoc",
    bodyKind: "standing_committee",
    coBodyKinds: [],
    title: "Hội nghị quán triệt của Ban Thường vụ Đảng ủy",
    duration: "1 ngày",
    dueInDays: 75,
  },
];

/** Communes that have already scheduled their Standing Committee conference, days from loading. */
export const REFORM_SCHEDULED: { unitCode: string; inDays: number; venue: string }[] = [
  { unitCode: "51001", inDays: 6, venue: "Hội trường Đảng ủy phường Cẩm Thành" },
  { unitCode: "51004", inDays: 8, venue: "Hội trường Đảng ủy phường Đức Phổ" },
  { unitCode: "51011", inDays: 9, venue: "Hội trường Đảng ủy xã Bình Sơn" },
  { unitCode: "51018", inDays: 12, venue: "Hội trường Đảng ủy xã Ba Tơ" },
  { unitCode: "51020", inDays: 15, venue: "Hội trường Đảng ủy xã Sơn Hà" },
  { unitCode: "51040", inDays: 20, venue: "Hội trường Đảng ủy đặc khu Lý Sơn" },
];

/** The demo accounts (password REFORM_PASSWORD): the login page lists them. */
export const REFORM_ACCOUNTS: {
  username: string;
  fullName: string;
  role: "admin" | "organizer" | "scanner" | "viewer";
  unitCode: string;
  bodyKind?: string;
  description: string;
}[] = [
  {
    username: "tochuc.tinh",
    fullName: "Cán bộ Ban Tuyên giáo và Dân vận Tỉnh ủy",
    role: "organizer",
    unitCode: "51",
    bodyKind: "propaganda_mass_mobilisation",
    description: "Ban Tuyên giáo và Dân vận Tỉnh ủy",
  },
  {
    username: "tochuc.bato",
    fullName: "Cán bộ Văn phòng Đảng ủy xã Ba Tơ",
    role: "organizer",
    unitCode: "51018",
    bodyKind: "standing_committee",
    description: "Ban Thường vụ Đảng ủy xã Ba Tơ",
  },
  { username: "quantri.bato", fullName: "Quản trị xã Ba Tơ", role: "admin", unitCode: "51018", description: "Quản trị của xã Ba Tơ (chỉ trong xã)" },
  {
    username: "diemdanh",
    fullName: "Cán bộ điểm danh Hội trường Tỉnh ủy",
    role: "scanner",
    unitCode: "51",
    description: "hội nghị thực hành, Hội trường Tỉnh ủy",
  },
  { username: "baocao.bato", fullName: "Cán bộ theo dõi xã Ba Tơ", role: "viewer", unitCode: "51018", description: "Xã Ba Tơ" },
];
