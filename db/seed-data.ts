/**
 * Demo data for Quảng Ngãi after the 20th Provincial Party Congress
 * (../shared/domain.md). Units, bodies and dates are public facts; every person
 * is generated and fictional, and officials appear by title only.
 */

export const DEMO_PASSWORD = "demo1234";

export interface DemoAccount {
  username: string;
  role: "admin" | "organizer" | "scanner" | "viewer";
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "admin", role: "admin", description: "Quản trị — Tỉnh Quảng Ngãi" },
  { username: "tochuc.bato", role: "organizer", description: "Cán bộ tổ chức — Ban Tuyên giáo Huyện ủy Ba Tơ" },
  { username: "diemdanh", role: "scanner", description: "Điểm danh — hội nghị thực hành, Hội trường Tỉnh ủy" },
  { username: "baocao.bato", role: "viewer", description: "Theo dõi, báo cáo — Huyện Ba Tơ" },
];

export interface DemoUnit {
  code: string;
  name: string;
  placeName: string;
  kind: "thanh_pho" | "thi_xa" | "huyen";
  /** The Party committee: Thành ủy / Thị ủy / Huyện ủy. */
  committee: string;
  committeeSymbol: string;
  /** "thành phố" / "thị xã" / "huyện" for body names. */
  lower: string;
  /** Relative size of its conferences (1 = typical). */
  size: number;
  /** Mountain districts, where Đinh is a common family name. */
  highland?: boolean;
}

export const PROVINCE = { code: "51", name: "Tỉnh Quảng Ngãi", placeName: "Quảng Ngãi", kind: "tinh" } as const;

export const DISTRICT_UNITS: DemoUnit[] = [
  {
    code: "522",
    name: "Thành phố Quảng Ngãi",
    placeName: "Quảng Ngãi",
    kind: "thanh_pho",
    committee: "Thành ủy",
    committeeSymbol: "ThU",
    lower: "thành phố",
    size: 1.6,
  },
  { code: "534", name: "Thị xã Đức Phổ", placeName: "Đức Phổ", kind: "thi_xa", committee: "Thị ủy", committeeSymbol: "TXU", lower: "thị xã", size: 1.2 },
  { code: "524", name: "Huyện Bình Sơn", placeName: "Bình Sơn", kind: "huyen", committee: "Huyện ủy", committeeSymbol: "HU", lower: "huyện", size: 1.3 },
  {
    code: "525",
    name: "Huyện Trà Bồng",
    placeName: "Trà Bồng",
    kind: "huyen",
    committee: "Huyện ủy",
    committeeSymbol: "HU",
    lower: "huyện",
    size: 0.8,
    highland: true,
  },
  { code: "527", name: "Huyện Sơn Tịnh", placeName: "Sơn Tịnh", kind: "huyen", committee: "Huyện ủy", committeeSymbol: "HU", lower: "huyện", size: 1.0 },
  { code: "528", name: "Huyện Tư Nghĩa", placeName: "Tư Nghĩa", kind: "huyen", committee: "Huyện ủy", committeeSymbol: "HU", lower: "huyện", size: 1.1 },
  {
    code: "529",
    name: "Huyện Sơn Hà",
    placeName: "Sơn Hà",
    kind: "huyen",
    committee: "Huyện ủy",
    committeeSymbol: "HU",
    lower: "huyện",
    size: 0.8,
    highland: true,
  },
  {
    code: "530",
    name: "Huyện Sơn Tây",
    placeName: "Sơn Tây",
    kind: "huyen",
    committee: "Huyện ủy",
    committeeSymbol: "HU",
    lower: "huyện",
    size: 0.6,
    highland: true,
  },
  {
    code: "531",
    name: "Huyện Minh Long",
    placeName: "Minh Long",
    kind: "huyen",
    committee: "Huyện ủy",
    committeeSymbol: "HU",
    lower: "huyện",
    size: 0.45,
    highland: true,
  },
  { code: "532", name: "Huyện Nghĩa Hành", placeName: "Nghĩa Hành", kind: "huyen", committee: "Huyện ủy", committeeSymbol: "HU", lower: "huyện", size: 0.9 },
  { code: "533", name: "Huyện Mộ Đức", placeName: "Mộ Đức", kind: "huyen", committee: "Huyện ủy", committeeSymbol: "HU", lower: "huyện", size: 1.0 },
  {
    code: "535",
    name: "Huyện Ba Tơ",
    placeName: "Ba Tơ",
    kind: "huyen",
    committee: "Huyện ủy",
    committeeSymbol: "HU",
    lower: "huyện",
    size: 0.7,
    highland: true,
  },
  { code: "536", name: "Huyện Lý Sơn", placeName: "Lý Sơn", kind: "huyen", committee: "Huyện ủy", committeeSymbol: "HU", lower: "huyện", size: 0.45 },
];

/** Party organisations "equivalent" to district level, directly under the Provincial Committee. */
export const PARTY_ORGANISATIONS = [
  { code: "KCQDN", name: "Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh", committee: "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh", symbol: "ĐUK" },
  { code: "CAT", name: "Đảng bộ Công an tỉnh", committee: "Đảng ủy Công an tỉnh", symbol: "ĐU" },
  { code: "QST", name: "Đảng bộ Quân sự tỉnh", committee: "Đảng ủy Quân sự tỉnh", symbol: "ĐU" },
  { code: "BDBP", name: "Đảng bộ Bộ đội Biên phòng tỉnh", committee: "Đảng ủy Bộ đội Biên phòng tỉnh", symbol: "ĐU" },
] as const;

export const CAMPAIGN = {
  title: "Học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX",
  resolution: "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ngãi lần thứ XX, nhiệm kỳ 2020–2025",
  startDate: "2020-12-15",
  deadline: "2021-03-31",
  term: "2020-2025",
} as const;

export const DISTRICT_LEVEL_KINDS = ["thanh_pho", "thi_xa", "huyen"] as const;

/** Province: March 2021 (domain.md). Times are Vietnamese wall-clock. */
export const PROVINCIAL_CONFERENCES = {
  standing: {
    date: "2021-03-03",
    start: "07:30",
    end: "17:00",
    venue: "Hội trường Tỉnh ủy",
    address: "Trụ sở Tỉnh ủy, thành phố Quảng Ngãi",
    capacity: 350,
    invited: 320,
  },
  propaganda: {
    date: "2021-03-05",
    start: "07:30",
    end: "17:00",
    venue: "Hội trường Tỉnh ủy",
    address: "Trụ sở Tỉnh ủy, thành phố Quảng Ngãi",
    capacity: 350,
    invited: 180,
  },
  labour: {
    date: "2021-03-19",
    start: "07:30",
    end: "11:30",
    venue: "Nhà Văn hóa Lao động tỉnh",
    address: "167 Hùng Vương, thành phố Quảng Ngãi",
    capacity: 400,
    invited: 300,
  },
} as const;

/** District Standing Committee conferences, 08–12/03 (TP Quảng Ngãi on Tue 09/03 at Nhà khách T50). */
export const DISTRICT_STANDING_DATES: Record<string, string> = {
  "522": "2021-03-09",
  "534": "2021-03-08",
  "524": "2021-03-08",
  "525": "2021-03-10",
  "527": "2021-03-09",
  "528": "2021-03-10",
  "529": "2021-03-11",
  "530": "2021-03-11",
  "531": "2021-03-12",
  "532": "2021-03-12",
  "533": "2021-03-09",
  "535": "2021-03-10",
  "536": "2021-03-11",
};
/** District Propaganda Board conferences, 15–24/03, full day. */
export const DISTRICT_PROPAGANDA_DATES: Record<string, string> = {
  "522": "2021-03-16",
  "534": "2021-03-15",
  "524": "2021-03-17",
  "525": "2021-03-18",
  "527": "2021-03-15",
  "528": "2021-03-22",
  "529": "2021-03-19",
  "530": "2021-03-23",
  "531": "2021-03-24",
  "532": "2021-03-16",
  "533": "2021-03-17",
  "535": "2021-03-18",
  "536": "2021-03-22",
};
/** Labour Federation and Education Office, 22–31/03, half a day each. */
export const DISTRICT_LABOUR_DATES: Record<string, string> = {
  "522": "2021-03-23",
  "534": "2021-03-24",
  "524": "2021-03-25",
  "525": "2021-03-26",
  "527": "2021-03-29",
  "528": "2021-03-24",
  "529": "2021-03-25",
  "530": "2021-03-31",
  "531": "2021-03-26",
  "532": "2021-03-29",
  "533": "2021-03-30",
  "535": "2021-03-25",
  "536": "2021-03-30",
};
export const DISTRICT_EDUCATION_DATES: Record<string, string> = {
  "522": "2021-03-25",
  "534": "2021-03-26",
  "524": "2021-03-29",
  "525": "2021-03-30",
  "527": "2021-03-31",
  "528": "2021-03-26",
  "529": "2021-03-30",
  "530": "2021-03-29",
  "531": "2021-03-30",
  "532": "2021-03-31",
  "533": "2021-03-23",
  "535": "2021-03-30",
  "536": "2021-03-31",
};

/**
 * The deliberate gaps, so that the campaign board has something to show:
 * each leaves its requirement unfulfilled by 31/03/2021.
 */
export const DEMO_GAPS = [
  { unitCode: "536", bodyKind: "education_office", status: "cancelled", cancelReason: "Hoãn do biển động, tàu không ra đảo được" },
  { unitCode: "530", bodyKind: "labour_federation", status: "scheduled" },
  { unitCode: "531", bodyKind: "education_office", status: "draft" },
] as const;

export const FAMILY_NAMES: [string, number][] = [
  ["Nguyễn", 30],
  ["Trần", 11],
  ["Lê", 10],
  ["Phạm", 7],
  ["Huỳnh", 6],
  ["Phan", 5],
  ["Võ", 6],
  ["Đặng", 3],
  ["Bùi", 3],
  ["Đỗ", 3],
  ["Hồ", 4],
  ["Ngô", 3],
  ["Trương", 3],
  ["Đinh", 2],
];
export const MALE_MIDDLE = ["Văn", "Tấn", "Minh", "Quốc", "Văn", "Đức", "Hữu", "Thanh"];
export const FEMALE_MIDDLE = ["Thị", "Ngọc", "Thu", "Thị", "Thanh", "Mỹ"];
export const MALE_GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Hùng",
  "Hải",
  "Khánh",
  "Long",
  "Minh",
  "Nam",
  "Phong",
  "Quang",
  "Sơn",
  "Tài",
  "Thành",
  "Trung",
  "Tuấn",
  "Việt",
  "Vinh",
  "Hiếu",
  "Lộc",
  "Phúc",
  "Trí",
  "Hòa",
  "Kiên",
  "Thắng",
];
export const FEMALE_GIVEN = [
  "Anh",
  "Hà",
  "Hằng",
  "Hoa",
  "Hương",
  "Lan",
  "Linh",
  "Mai",
  "Nga",
  "Nhung",
  "Oanh",
  "Phương",
  "Thảo",
  "Trang",
  "Tuyết",
  "Vân",
  "Yến",
  "Hạnh",
  "Loan",
  "Diệu",
  "Ngân",
  "Thủy",
];

/**
 * Attendee categories (thành phần) and the share of Party members in each. Their positions and
 * workplaces, drawn together per unit level, are in db/demo-roles.ts.
 */
export const CATEGORIES = {
  can_bo_chu_chot: { partyShare: 1 },
  bao_cao_vien: { partyShare: 1 },
  can_bo_tuyen_giao: { partyShare: 0.95 },
  doan_vien_cong_doan: { partyShare: 0.3 },
  giao_vien: { partyShare: 0.6 },
} as const;
export type CategoryCode = keyof typeof CATEGORIES;

export const EXCUSE_REASONS = ["illness", "business_trip", "family", "maternity", "on_duty"] as const;
export const EXCUSE_NOTES: Record<(typeof EXCUSE_REASONS)[number], string> = {
  illness: "Ốm đau, có đơn xin phép",
  business_trip: "Đi công tác theo quyết định",
  family: "Việc gia đình",
  maternity: "Nghỉ thai sản",
  on_duty: "Trực cơ quan",
};
