-- The standard kinds of unit and organising body (data an admin edits later), as SQLite's migration 0008 writes
-- them. npm run db:export-to-postgres replaces them with the source file's own (decision 0037).
INSERT INTO "unit_kinds" ("key", "label", "sort_order") VALUES
	('tinh', 'Tỉnh', 10), ('thanh_pho_tw', 'Thành phố trực thuộc Trung ương', 11),
	('thanh_pho', 'Thành phố', 20), ('thi_xa', 'Thị xã', 21), ('huyen', 'Huyện', 22),
	('phuong', 'Phường', 30), ('xa', 'Xã', 31), ('dac_khu', 'Đặc khu', 32),
	('dang_bo_truc_thuoc', 'Đảng bộ trực thuộc', 40)
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "body_kinds" ("key", "label", "requirable", "colour", "sort_order") VALUES
	('standing_committee', 'Ban Thường vụ', true, '#9f1d20', 10),
	('propaganda', 'Ban Tuyên giáo', true, '#1f5fa8', 20),
	('propaganda_mass_mobilisation', 'Ban Tuyên giáo và Dân vận', true, '#1d4ed8', 21),
	('fatherland_front', 'Ủy ban Mặt trận Tổ quốc Việt Nam', true, '#7c3aed', 30),
	('labour_federation', 'Liên đoàn Lao động', true, '#b45309', 40),
	('education_office', 'Phòng Giáo dục và Đào tạo', true, '#15803d', 50),
	('culture_social_office', 'Phòng Văn hóa - Xã hội', true, '#0f766e', 51),
	('political_school', 'Trường Chính trị / Trung tâm Chính trị', true, '#a16207', 60),
	('other', 'Cơ quan khác', false, '#5b6474', 90)
ON CONFLICT DO NOTHING;
