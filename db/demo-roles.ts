/**
 * Positions and workplaces of the demo's people, drawn together: a person's position
 * belongs to their workplace, and the workplace to their unit's level — no "Hiệu trưởng, Ủy ban
 * MTTQ Việt Nam tỉnh", no "Đảng ủy xã Quảng Ngãi". Illustrative: the people are fictional and
 * appear by title only; the communes named are those of each district in early 2021, so that a
 * district's commune officials and schools have somewhere real-sounding to work.
 *
 * Each workplace lists its head positions (one holder, e.g. "Hiệu trưởng"), its limited ones (a few
 * holders, e.g. "Phó Giám đốc|3") and its staff positions (any number). A draw is two numbers in
 * [0, 1) — the callers pass the draws their random stream already made, so names, phones and
 * attendance are unchanged — and a position already full in the unit falls back to a staff
 * position of the same workplace.
 */
import type { CategoryCode } from "./seed-data";

export type DemoLevel = "province" | "district" | "province_2025" | "commune" | "party_org";

/**
 * Where a person works, and the positions there. Placeholders: see `fill`. A head ("Hiệu trưởng")
 * has one holder per workplace; a limited position carries its most holders after "|" ("Phó
 * Giám đốc|3"); staff positions have any number.
 */
interface Workplace {
  workplace: string;
  heads?: string[];
  limited?: string[];
  staff: string[];
  /** Relative share of the draws (default 1); a workplace per commune shares its weight among them. */
  weight?: number;
}

/** The place of a unit, for the placeholders of its workplaces. */
export interface RolePlace {
  /** "Ba Tơ" */
  placeName: string;
  /** "huyện Ba Tơ", "thị xã Đức Phổ", "xã Ba Tơ" */
  unit: string;
  /** "Huyện ủy Ba Tơ", "Tỉnh ủy", "Đảng ủy xã Ba Tơ", "Đảng ủy Công an tỉnh" */
  committee: string;
  /** Communes of a district, with their kind: "xã Ba Động", "thị trấn Ba Tơ", "phường Nguyễn Nghiêm". */
  communes?: readonly string[];
  /** Mountain districts: boarding schools for ethnic-minority pupils. */
  highland?: boolean;
}

/** Communes (xã, phường, thị trấn) of each district-level unit in early 2021, a few each. */
export const DISTRICT_COMMUNES: Record<string, readonly string[]> = {
  "522": [
    "phường Lê Hồng Phong",
    "phường Trần Phú",
    "phường Nghĩa Chánh",
    "phường Nghĩa Lộ",
    "phường Chánh Lộ",
    "xã Tịnh Ấn Tây",
    "xã Nghĩa Dũng",
    "xã Tịnh Khê",
  ],
  "534": ["phường Nguyễn Nghiêm", "phường Phổ Ninh", "phường Phổ Hòa", "phường Phổ Văn", "xã Phổ An", "xã Phổ Phong", "xã Phổ Nhơn", "xã Phổ Châu"],
  "524": ["thị trấn Châu Ổ", "xã Bình Thạnh", "xã Bình Chánh", "xã Bình Hiệp", "xã Bình Long", "xã Bình Trị", "xã Bình Hải", "xã Bình Minh"],
  "525": ["thị trấn Trà Xuân", "xã Trà Phú", "xã Trà Bình", "xã Trà Thủy", "xã Trà Sơn", "xã Trà Tân", "xã Trà Bùi", "xã Trà Phong"],
  "527": ["xã Tịnh Hà", "xã Tịnh Bình", "xã Tịnh Thọ", "xã Tịnh Đông", "xã Tịnh Sơn", "xã Tịnh Phong", "xã Tịnh Hiệp", "xã Tịnh Trà"],
  "528": ["thị trấn La Hà", "thị trấn Sông Vệ", "xã Nghĩa Kỳ", "xã Nghĩa Thuận", "xã Nghĩa Hiệp", "xã Nghĩa Phương", "xã Nghĩa Điền", "xã Nghĩa Thắng"],
  "529": ["thị trấn Di Lăng", "xã Sơn Thành", "xã Sơn Hạ", "xã Sơn Linh", "xã Sơn Giang", "xã Sơn Trung", "xã Sơn Hải", "xã Sơn Kỳ"],
  "530": ["xã Sơn Dung", "xã Sơn Mùa", "xã Sơn Tân", "xã Sơn Bua", "xã Sơn Lập", "xã Sơn Màu", "xã Sơn Tinh", "xã Sơn Long"],
  "531": ["xã Long Hiệp", "xã Long Sơn", "xã Long Mai", "xã Thanh An", "xã Long Môn"],
  "532": ["thị trấn Chợ Chùa", "xã Hành Thuận", "xã Hành Dũng", "xã Hành Phước", "xã Hành Thịnh", "xã Hành Trung", "xã Hành Minh", "xã Hành Đức"],
  "533": ["thị trấn Mộ Đức", "xã Đức Chánh", "xã Đức Lợi", "xã Đức Thạnh", "xã Đức Phong", "xã Đức Hiệp", "xã Đức Tân", "xã Đức Nhuận"],
  "535": ["thị trấn Ba Tơ", "xã Ba Động", "xã Ba Thành", "xã Ba Vinh", "xã Ba Dinh", "xã Ba Điền", "xã Ba Cung", "xã Ba Vì"],
  // The island district has had no commune-level government since 2020: its schools only.
  "536": ["xã An Vĩnh", "xã An Hải", "xã An Bình"],
};
/** Districts whose communes have no People's Committee or Party committee of their own (Lý Sơn since 2020). */
export const NO_COMMUNE_GOVERNMENT = new Set(["536"]);

/** A department (Sở): its director, office and inspectorate heads, three deputies, heads of division. */
const department = (workplace: string, weight = 1.2): Workplace => ({
  workplace,
  heads: ["Giám đốc", "Chánh Văn phòng", "Chánh Thanh tra"],
  limited: ["Phó Giám đốc|3", "Trưởng phòng|6"],
  staff: ["Phó Trưởng phòng"],
  weight,
});
/** A board of the Party committee (Ban): its head, three deputies, heads of division. */
const board = (workplace: string, head = "Trưởng Ban", deputy = "Phó Trưởng Ban"): Workplace => ({
  workplace,
  heads: [head],
  limited: [`${deputy}|3`, "Trưởng phòng|4"],
  staff: ["Phó Trưởng phòng"],
});
/** A mass organisation or the Fatherland Front: chair, deputies, heads of its boards. */
const association = (workplace: string, weight = 1): Workplace => ({
  workplace,
  heads: ["Chủ tịch"],
  limited: ["Phó Chủ tịch|3"],
  staff: ["Trưởng ban", "Ủy viên Ban Thường vụ"],
  weight,
});
const SCHOOL_STAFF = ["Tổ trưởng chuyên môn", "Giáo viên", "Giáo viên", "Giáo viên", "Giáo viên"];

/** level → category → workplaces. Categories missing at a level are not drawn there. */
const WORKPLACES: Record<DemoLevel, Partial<Record<CategoryCode, Workplace[]>>> = {
  province: {
    // A provincial key officials' conference: the Party boards, the departments, the Front and mass organisations, the press.
    can_bo_chu_chot: [
      { workplace: "Văn phòng Tỉnh ủy", heads: ["Chánh Văn phòng"], limited: ["Phó Chánh Văn phòng|3", "Trưởng phòng|5"], staff: ["Phó Trưởng phòng"] },
      board("Ban Tổ chức Tỉnh ủy"),
      board("Ban Dân vận Tỉnh ủy"),
      board("Ban Nội chính Tỉnh ủy"),
      board("Ủy ban Kiểm tra Tỉnh ủy", "Chủ nhiệm", "Phó Chủ nhiệm"),
      board("Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh", "Bí thư", "Phó Bí thư"),
      { workplace: "Văn phòng UBND tỉnh", heads: ["Chánh Văn phòng"], limited: ["Phó Chánh Văn phòng|3", "Trưởng phòng|6"], staff: ["Phó Trưởng phòng"] },
      ...[
        "Sở Nội vụ",
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",
        "Sở Giáo dục và Đào tạo",
        "Sở Y tế",
        "Sở Tư pháp",
        "Sở Công Thương",
        "Sở Xây dựng",
        "Sở Giao thông vận tải",
        "Sở Tài nguyên và Môi trường",
        "Sở Khoa học và Công nghệ",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Thông tin và Truyền thông",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Lao động - Thương binh và Xã hội",
      ].map((workplace) => department(workplace)),
      { workplace: "Thanh tra tỉnh", heads: ["Chánh Thanh tra"], limited: ["Phó Chánh Thanh tra|3", "Trưởng phòng|5"], staff: ["Thanh tra viên"] },
      { workplace: "Ban Dân tộc tỉnh", heads: ["Trưởng ban"], limited: ["Phó Trưởng ban|3", "Trưởng phòng|4"], staff: ["Chuyên viên"] },
      {
        workplace: "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
        heads: ["Trưởng ban"],
        limited: ["Phó Trưởng ban|3", "Trưởng phòng|6"],
        staff: ["Phó Trưởng phòng"],
      },
      association("Ủy ban MTTQ Việt Nam tỉnh"),
      association("Hội Nông dân tỉnh"),
      association("Hội Liên hiệp Phụ nữ tỉnh"),
      association("Hội Cựu chiến binh tỉnh"),
      association("Liên đoàn Lao động tỉnh"),
      association("Hội Chữ thập đỏ tỉnh", 0.5),
      { workplace: "Tỉnh đoàn Quảng Ngãi", heads: ["Bí thư"], limited: ["Phó Bí thư|3"], staff: ["Trưởng ban", "Ủy viên Ban Thường vụ"] },
      { workplace: "Trường Chính trị tỉnh", heads: ["Hiệu trưởng"], limited: ["Phó Hiệu trưởng|3", "Trưởng khoa|5"], staff: ["Phó Trưởng khoa"] },
      { workplace: "Báo Quảng Ngãi", heads: ["Tổng Biên tập"], limited: ["Phó Tổng Biên tập|3"], staff: ["Trưởng ban", "Phó Trưởng ban"], weight: 0.6 },
      {
        workplace: "Đài Phát thanh - Truyền hình Quảng Ngãi",
        heads: ["Giám đốc"],
        limited: ["Phó Giám đốc|3"],
        staff: ["Trưởng phòng", "Phó Trưởng phòng"],
        weight: 0.6,
      },
    ],
    bao_cao_vien: [
      { workplace: "Ban Tuyên giáo Tỉnh ủy", limited: ["Phó Trưởng Ban, báo cáo viên|3"], staff: ["Báo cáo viên", "Chuyên viên, báo cáo viên"], weight: 3 },
      { workplace: "Trường Chính trị tỉnh", limited: ["Trưởng khoa, báo cáo viên|5"], staff: ["Giảng viên", "Giảng viên chính"], weight: 3 },
      { workplace: "Ban Dân vận Tỉnh ủy", limited: ["Phó Trưởng Ban, báo cáo viên|3"], staff: ["Báo cáo viên"] },
      { workplace: "Ban Tổ chức Tỉnh ủy", limited: ["Phó Trưởng Ban, báo cáo viên|3"], staff: ["Báo cáo viên"] },
      { workplace: "Ủy ban Kiểm tra Tỉnh ủy", limited: ["Phó Chủ nhiệm, báo cáo viên|3"], staff: ["Báo cáo viên"] },
    ],
    can_bo_tuyen_giao: [
      {
        workplace: "Ban Tuyên giáo Tỉnh ủy",
        heads: ["Trưởng phòng Tuyên truyền", "Trưởng phòng Lý luận chính trị", "Trưởng phòng Khoa giáo", "Trưởng phòng Văn hóa - Văn nghệ"],
        limited: ["Phó Trưởng phòng|6"],
        staff: ["Chuyên viên", "Chuyên viên", "Chuyên viên chính"],
        weight: 2,
      },
      { workplace: "Báo Quảng Ngãi", staff: ["Phóng viên", "Phóng viên", "Biên tập viên"], weight: 2 },
      { workplace: "Đài Phát thanh - Truyền hình Quảng Ngãi", staff: ["Phóng viên", "Biên tập viên", "Kỹ thuật viên"], weight: 2 },
      { workplace: "Sở Thông tin và Truyền thông", staff: ["Chuyên viên"] },
      { workplace: "Sở Văn hóa, Thể thao và Du lịch", staff: ["Chuyên viên"] },
      { workplace: "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh", staff: ["Chuyên viên Ban Tuyên giáo"] },
      { workplace: "Trung tâm Văn hóa tỉnh", staff: ["Viên chức", "Tuyên truyền viên"] },
      { workplace: "Hội Nhà báo tỉnh", staff: ["Hội viên"], weight: 0.5 },
    ],
    doan_vien_cong_doan: [
      { workplace: "Liên đoàn Lao động tỉnh", staff: ["Chuyên viên"] },
      { workplace: "Công đoàn Viên chức tỉnh", heads: ["Chủ tịch"], limited: ["Phó Chủ tịch|2"], staff: ["Ủy viên Ban Chấp hành"] },
      {
        workplace: "Công ty Cổ phần Đường Quảng Ngãi",
        heads: ["Chủ tịch Công đoàn cơ sở"],
        staff: ["Công nhân", "Công nhân", "Tổ trưởng sản xuất", "Kỹ sư"],
        weight: 3,
      },
      { workplace: "Công ty Điện lực Quảng Ngãi", heads: ["Chủ tịch Công đoàn cơ sở"], staff: ["Công nhân", "Kỹ sư", "Kỹ thuật viên"], weight: 2 },
      { workplace: "Bệnh viện Đa khoa tỉnh", heads: ["Chủ tịch Công đoàn cơ sở"], staff: ["Bác sĩ", "Điều dưỡng", "Điều dưỡng", "Kỹ thuật viên"], weight: 2 },
      { workplace: "Bưu điện tỉnh Quảng Ngãi", staff: ["Giao dịch viên", "Nhân viên"] },
      { workplace: "Sở Giáo dục và Đào tạo", staff: ["Chuyên viên"] },
    ],
    giao_vien: [
      { workplace: "Sở Giáo dục và Đào tạo", staff: ["Chuyên viên"] },
      { workplace: "Trường THPT chuyên Lê Khiết", heads: ["Hiệu trưởng"], limited: ["Phó Hiệu trưởng|3"], staff: SCHOOL_STAFF },
    ],
  },

  district: {
    can_bo_chu_chot: [
      { workplace: "Văn phòng {committee}", heads: ["Chánh Văn phòng"], limited: ["Phó Chánh Văn phòng|2"], staff: ["Chuyên viên"], weight: 0.7 },
      { workplace: "Ban Tổ chức {committee}", heads: ["Trưởng Ban"], limited: ["Phó Trưởng Ban|2"], staff: ["Chuyên viên"], weight: 0.7 },
      { workplace: "Ủy ban Kiểm tra {committee}", heads: ["Chủ nhiệm"], limited: ["Phó Chủ nhiệm|2"], staff: ["Kiểm tra viên"], weight: 0.7 },
      { workplace: "Ban Dân vận {committee}", heads: ["Trưởng Ban"], limited: ["Phó Trưởng Ban|2"], staff: ["Chuyên viên"], weight: 0.7 },
      { workplace: "UBND {unit}", heads: ["Chủ tịch", "Chánh Văn phòng HĐND và UBND"], limited: ["Phó Chủ tịch|3"], staff: ["Chuyên viên"], weight: 0.7 },
      ...[
        "Phòng Nội vụ",
        "Phòng Tài chính - Kế hoạch",
        "Phòng Tư pháp",
        "Phòng Văn hóa và Thông tin",
        "Phòng Lao động - Thương binh và Xã hội",
        "Phòng Tài nguyên và Môi trường",
        "Phòng Kinh tế - Hạ tầng",
      ].map((office) => ({
        workplace: `${office} {unit}`,
        heads: ["Trưởng phòng"],
        limited: ["Phó Trưởng phòng|2"],
        staff: ["Chuyên viên"],
        weight: 0.5,
      })),
      { workplace: "Ủy ban MTTQ Việt Nam {unit}", heads: ["Chủ tịch"], limited: ["Phó Chủ tịch|2"], staff: ["Ủy viên Ban Thường trực"], weight: 0.6 },
      { workplace: "Hội Nông dân {unit}", heads: ["Chủ tịch"], limited: ["Phó Chủ tịch|2"], staff: ["Cán bộ"], weight: 0.5 },
      { workplace: "Hội Liên hiệp Phụ nữ {unit}", heads: ["Chủ tịch"], limited: ["Phó Chủ tịch|2"], staff: ["Cán bộ"], weight: 0.5 },
      { workplace: "Hội Cựu chiến binh {unit}", heads: ["Chủ tịch"], limited: ["Phó Chủ tịch|2"], staff: ["Cán bộ"], weight: 0.5 },
      { workplace: "Đoàn TNCS Hồ Chí Minh {unit}", heads: ["Bí thư"], limited: ["Phó Bí thư|2"], staff: ["Cán bộ"], weight: 0.5 },
      // The commune leaders are most of a district Standing Committee conference.
      {
        workplace: "Đảng ủy {commune}",
        heads: ["Bí thư", "Phó Bí thư Thường trực"],
        limited: ["Phó Bí thư|1", "Ủy viên Ban Thường vụ|3"],
        staff: ["Đảng ủy viên"],
        weight: 7,
      },
      { workplace: "UBND {commune}", heads: ["Chủ tịch"], limited: ["Phó Chủ tịch|2"], staff: ["Công chức Văn phòng - Thống kê"], weight: 3 },
      { workplace: "Ủy ban MTTQ Việt Nam {commune}", heads: ["Chủ tịch"], limited: ["Phó Chủ tịch|2"], staff: ["Ủy viên"], weight: 2 },
      { workplace: "Chi bộ thôn, tổ dân phố {commune}", staff: ["Bí thư Chi bộ"], weight: 3 },
      { workplace: "Trường THCS {communeName}", heads: ["Hiệu trưởng"], limited: ["Phó Hiệu trưởng|2"], staff: ["Tổ trưởng chuyên môn"], weight: 1.5 },
    ],
    bao_cao_vien: [
      {
        workplace: "Ban Tuyên giáo {committee}",
        heads: ["Trưởng Ban"],
        limited: ["Phó Trưởng Ban|2"],
        staff: ["Báo cáo viên", "Chuyên viên, báo cáo viên"],
        weight: 3,
      },
      { workplace: "Trung tâm Chính trị {unit}", heads: ["Giám đốc"], limited: ["Phó Giám đốc|2"], staff: ["Giảng viên kiêm chức"], weight: 2 },
      { workplace: "Ban Dân vận {committee}", limited: ["Phó Trưởng Ban, báo cáo viên|2"], staff: ["Báo cáo viên"] },
      { workplace: "Ủy ban Kiểm tra {committee}", limited: ["Phó Chủ nhiệm, báo cáo viên|2"], staff: ["Báo cáo viên"] },
      { workplace: "Đảng ủy {commune}", staff: ["Báo cáo viên"], weight: 3 },
    ],
    can_bo_tuyen_giao: [
      { workplace: "Ban Tuyên giáo {committee}", staff: ["Chuyên viên"], weight: 2 },
      {
        workplace: "Trung tâm Văn hóa - Thông tin - Thể thao {unit}",
        heads: ["Giám đốc"],
        limited: ["Phó Giám đốc|2"],
        staff: ["Viên chức", "Tuyên truyền viên"],
        weight: 1.5,
      },
      {
        workplace: "Đài Truyền thanh - Truyền hình {unit}",
        heads: ["Trưởng Đài"],
        limited: ["Phó Trưởng Đài|2"],
        staff: ["Phóng viên", "Biên tập viên", "Kỹ thuật viên"],
        weight: 1.5,
      },
      { workplace: "Phòng Văn hóa và Thông tin {unit}", staff: ["Chuyên viên"] },
      { workplace: "Đảng ủy {commune}", staff: ["Cán bộ phụ trách tuyên giáo"], weight: 4 },
      { workplace: "UBND {commune}", staff: ["Công chức Văn hóa - Xã hội"], weight: 3 },
    ],
    doan_vien_cong_doan: [
      { workplace: "Liên đoàn Lao động {unit}", heads: ["Chủ tịch"], limited: ["Phó Chủ tịch|2"], staff: ["Chuyên viên"], weight: 0.5 },
      { workplace: "Trung tâm Y tế {unit}", heads: ["Chủ tịch Công đoàn cơ sở"], staff: ["Bác sĩ", "Điều dưỡng", "Y sĩ", "Kế toán"], weight: 3 },
      { workplace: "Điện lực {placeName}", heads: ["Chủ tịch Công đoàn cơ sở"], staff: ["Công nhân", "Kỹ thuật viên"], weight: 1.5 },
      { workplace: "Bưu điện {unit}", staff: ["Giao dịch viên", "Nhân viên"] },
      { workplace: "Kho bạc Nhà nước {placeName}", staff: ["Kế toán viên", "Giao dịch viên"] },
      { workplace: "UBND {commune}", heads: ["Chủ tịch Công đoàn cơ sở"], staff: ["Công chức", "Công chức Địa chính - Xây dựng"], weight: 3 },
      { workplace: "Hợp tác xã Nông nghiệp {communeName}", heads: ["Giám đốc"], staff: ["Xã viên", "Kế toán"], weight: 3 },
      { workplace: "Trường Tiểu học {communeName}", heads: ["Chủ tịch Công đoàn cơ sở"], staff: ["Giáo viên", "Nhân viên"], weight: 2 },
    ],
    giao_vien: [
      { workplace: "Phòng Giáo dục và Đào tạo {unit}", heads: ["Trưởng phòng"], limited: ["Phó Trưởng phòng|2"], staff: ["Chuyên viên"] },
      { workplace: "Trường Mầm non {communeName}", heads: ["Hiệu trưởng"], limited: ["Phó Hiệu trưởng|2"], staff: SCHOOL_STAFF, weight: 3 },
      { workplace: "Trường Tiểu học {communeName}", heads: ["Hiệu trưởng"], limited: ["Phó Hiệu trưởng|2"], staff: SCHOOL_STAFF, weight: 4 },
      { workplace: "Trường THCS {communeName}", heads: ["Hiệu trưởng"], limited: ["Phó Hiệu trưởng|2"], staff: SCHOOL_STAFF, weight: 3 },
    ],
  },

  // After the 2025 reform: merged departments and boards (illustrative, like the rest of that demo).
  province_2025: {
    can_bo_chu_chot: [
      { workplace: "Văn phòng Tỉnh ủy", heads: ["Chánh Văn phòng"], limited: ["Phó Chánh Văn phòng|3"], staff: ["Trưởng phòng"] },
      board("Ban Tổ chức Tỉnh ủy"),
      board("Ủy ban Kiểm tra Tỉnh ủy", "Chủ nhiệm", "Phó Chủ nhiệm"),
      ...["Sở Nội vụ", "Sở Tài chính", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Khoa học và Công nghệ"].map((workplace) =>
        department(workplace),
      ),
      association("Ủy ban MTTQ Việt Nam tỉnh"),
    ],
    bao_cao_vien: [
      {
        workplace: "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        limited: ["Phó Trưởng Ban, báo cáo viên|3"],
        staff: ["Báo cáo viên", "Trưởng phòng, báo cáo viên"],
        weight: 2,
      },
      { workplace: "Trường Chính trị tỉnh", staff: ["Giảng viên", "Giảng viên chính"] },
    ],
  },

  commune: {
    can_bo_chu_chot: [
      {
        workplace: "Đảng ủy {unit}",
        heads: ["Bí thư", "Phó Bí thư Thường trực", "Chánh Văn phòng Đảng ủy"],
        limited: ["Phó Bí thư|1", "Ủy viên Ban Thường vụ|5"],
        staff: ["Đảng ủy viên"],
        weight: 2,
      },
      {
        workplace: "UBND {unit}",
        heads: ["Chủ tịch", "Trưởng phòng Kinh tế", "Trưởng phòng Văn hóa - Xã hội"],
        limited: ["Phó Chủ tịch|2"],
        staff: ["Công chức"],
        weight: 2,
      },
      { workplace: "Ủy ban MTTQ Việt Nam {unit}", heads: ["Chủ tịch"], limited: ["Phó Chủ tịch|2"], staff: ["Ủy viên Ban Thường trực"] },
      { workplace: "Trung tâm Phục vụ hành chính công {unit}", heads: ["Giám đốc"], limited: ["Phó Giám đốc|1"], staff: ["Công chức"] },
    ],
    bao_cao_vien: [
      { workplace: "Đảng ủy {unit}", limited: ["Phó Bí thư, báo cáo viên|1"], staff: ["Báo cáo viên", "Chuyên viên Văn phòng Đảng ủy, báo cáo viên"] },
    ],
  },

  party_org: {
    can_bo_chu_chot: [
      { workplace: "{committee}", heads: ["Bí thư"], limited: ["Phó Bí thư|2", "Ủy viên Ban Thường vụ|5"], staff: ["Bí thư chi bộ trực thuộc"] },
      { workplace: "Văn phòng {committee}", heads: ["Chánh Văn phòng"], limited: ["Phó Chánh Văn phòng|2"], staff: ["Chuyên viên"] },
      { workplace: "Ủy ban Kiểm tra {committee}", heads: ["Chủ nhiệm"], limited: ["Phó Chủ nhiệm|2"], staff: ["Kiểm tra viên"] },
    ],
    bao_cao_vien: [{ workplace: "{committee}", staff: ["Ủy viên Ban Chấp hành, báo cáo viên", "Báo cáo viên"] }],
  },
};

function fill(template: string, place: RolePlace, commune?: string): string {
  const communeName = commune?.replace(/^(xã|phường|thị trấn|đặc khu)\s+/u, "") ?? place.placeName;
  return template
    .replace("{committee}", place.committee)
    .replace("{unit}", place.unit)
    .replace("{placeName}", place.placeName)
    .replace("{commune}", commune ?? place.unit)
    .replace("{communeName}", communeName);
}

interface Expanded {
  workplace: string;
  /** Positions with their most holders (1 for a head, Infinity for staff). */
  positions: { name: string; max: number }[];
  staff: string[];
  weight: number;
}

function positionsOf(w: Workplace): Expanded["positions"] {
  const limited = (w.limited ?? []).map((p) => {
    const [name, max] = p.split("|");
    return { name, max: Number(max) || 1 };
  });
  return [...(w.heads ?? []).map((name) => ({ name, max: 1 })), ...limited, ...w.staff.map((name) => ({ name, max: Infinity }))];
}

/** The workplaces of one unit for a category: commune ones once per commune, their weight shared. */
export function workplacesOf(level: DemoLevel, category: CategoryCode, place: RolePlace, districtCode?: string): Expanded[] {
  const list = WORKPLACES[level][category] ?? WORKPLACES[level].can_bo_chu_chot ?? [];
  const communes = place.communes ?? [];
  const schoolsOnly = districtCode !== undefined && NO_COMMUNE_GOVERNMENT.has(districtCode);
  const out: Expanded[] = [];
  for (const w of list) {
    const perCommune = /\{commune(Name)?\}/.test(w.workplace);
    const extra = place.highland && w.workplace.startsWith("Trường THCS") ? ["Trường Phổ thông Dân tộc bán trú THCS {communeName}"] : [];
    for (const template of [w.workplace, ...extra]) {
      if (perCommune && communes.length > 0) {
        // Without commune government (Lý Sơn), only the schools and cooperatives of its communes.
        if (schoolsOnly && !/^(Trường|Hợp tác xã)/u.test(template)) continue;
        for (const commune of communes)
          out.push({ workplace: fill(template, place, commune), positions: positionsOf(w), staff: w.staff, weight: (w.weight ?? 1) / communes.length });
      } else if (!perCommune) {
        out.push({ workplace: fill(template, place), positions: positionsOf(w), staff: w.staff, weight: w.weight ?? 1 });
      }
    }
  }
  return out;
}

/**
 * A person's position and workplace from two draws in [0, 1): the first picks the workplace by
 * weight, the second a position there. `held` counts "workplace|position" already given in this
 * unit: a position that is full falls back to a staff position of the same workplace.
 */
export function drawRole(workplaces: Expanded[], u1: number, u2: number, held: Map<string, number>): { position: string; workplace: string } {
  const total = workplaces.reduce((s, w) => s + w.weight, 0);
  let r = u1 * total;
  let chosen = workplaces[workplaces.length - 1];
  for (const w of workplaces) {
    r -= w.weight;
    if (r < 0) {
      chosen = w;
      break;
    }
  }
  const picked = chosen.positions[Math.min(chosen.positions.length - 1, Math.floor(u2 * chosen.positions.length))];
  const key = `${chosen.workplace}|${picked.name}`;
  const count = held.get(key) ?? 0;
  const position = count < picked.max ? picked.name : chosen.staff[Math.min(chosen.staff.length - 1, Math.floor(u2 * chosen.staff.length))];
  held.set(`${chosen.workplace}|${position}`, (held.get(`${chosen.workplace}|${position}`) ?? 0) + 1);
  return { position, workplace: chosen.workplace };
}
