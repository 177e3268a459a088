#include <gtest/gtest.h>

#include "extract_fixture.h"

namespace vanban::extract {
namespace {

// A Kế hoạch with the two-line agency block, one component per line.
constexpr char kPlan[] = R"(UBND THÀNH PHỐ HẢI PHÒNG
BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 125/KH-BQL

Hải Phòng, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Triển khai chuyển đổi số
tại Ban Quản lý năm 2025

Căn cứ Quyết định số 56/2021/QĐ-UBND của Ủy ban nhân dân thành phố;

Nội dung kế hoạch.

Nơi nhận:
- UBND thành phố (để b/c);
- Sở Tài chính;
- Lưu: VT, VP.

KT. TRƯỞNG BAN
PHÓ TRƯỞNG BAN

(Đã ký)

Trần Văn Minh
)";

TEST(HeaderTest, PlanWithTwoLineAgencyBlock) {
  Extraction e = ExtractText(kPlan);
  const Header& h = e.header;
  EXPECT_EQ(h.doc_type, "Kế hoạch");
  EXPECT_EQ(h.number, "125");
  EXPECT_EQ(h.symbol, "KH-BQL");
  EXPECT_EQ(h.issuer, "Ban Quản lý Khu kinh tế Hải Phòng");
  EXPECT_EQ(h.parent_issuer, "UBND thành phố Hải Phòng");
  EXPECT_EQ(h.place, "Hải Phòng");
  EXPECT_EQ(h.issued_date, "2025-03-05");
  EXPECT_EQ(h.title, "Triển khai chuyển đổi số tại Ban Quản lý năm 2025");
  EXPECT_EQ(h.signer_authority, "KT. Trưởng ban");
  EXPECT_EQ(h.signer_title, "Phó Trưởng ban");
  EXPECT_EQ(h.signer_name, "Trần Văn Minh");
  ASSERT_EQ(e.recipients.size(), 3u);
  EXPECT_EQ(e.recipients[0].recipient, "UBND thành phố");
  EXPECT_EQ(e.recipients[0].purpose, "để b/c");
  EXPECT_EQ(e.recipients[2].recipient, "VT, VP");
  EXPECT_EQ(e.recipients[2].purpose, "lưu");
}

// The header exported as a two-column table (TAB between the columns), as a
// word processor's text export gives it, and Nơi nhận beside the signer.
constexpr char kTwoColumns[] =
    "UBND TỈNH QUẢNG NINH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ TÀI CHÍNH\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 88/TB-STC\tQuảng Ninh, ngày 05 tháng 02 năm 2025\n"
    "\n"
    "THÔNG BÁO\n"
    "Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 01 năm 2025\n"
    "\n"
    "Ngày 20/01/2025, Giám đốc Sở chủ trì cuộc họp.\n"
    "\n"
    "Nơi nhận:\tTL. GIÁM ĐỐC\n"
    "- Các phòng thuộc Sở;\tCHÁNH VĂN PHÒNG\n"
    "- Lưu: VT.\t\n"
    "\tNguyễn Thị Lan\n";

TEST(HeaderTest, TwoColumnExport) {
  Extraction e = ExtractText(kTwoColumns);
  const Header& h = e.header;
  EXPECT_EQ(h.doc_type, "Thông báo");
  EXPECT_EQ(h.number, "88");
  EXPECT_EQ(h.symbol, "TB-STC");
  EXPECT_EQ(h.issuer, "Sở Tài chính");
  EXPECT_EQ(h.parent_issuer, "UBND tỉnh Quảng Ninh");
  EXPECT_EQ(h.place, "Quảng Ninh");
  EXPECT_EQ(h.issued_date, "2025-02-05");
  EXPECT_EQ(h.title, "Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 01 năm 2025");
  EXPECT_EQ(h.signer_authority, "TL. Giám đốc");
  EXPECT_EQ(h.signer_title, "Chánh Văn phòng");
  EXPECT_EQ(h.signer_name, "Nguyễn Thị Lan");
  ASSERT_EQ(e.recipients.size(), 2u);
  EXPECT_EQ(e.recipients[0].recipient, "Các phòng thuộc Sở");
}

constexpr char kLetter[] = R"(UBND THÀNH PHỐ HẢI PHÒNG
BAN QUẢN LÝ KHU KINH TẾ

Số: 1234/BQL-VP
V/v báo cáo kết quả thực hiện
Chỉ số PCI năm 2024

Hải Phòng, ngày 10 tháng 12 năm 2024

Kính gửi:
- Các phòng chuyên môn;
- Trung tâm DVVL-ĐT-XTĐT.

Ban Quản lý đề nghị các đơn vị báo cáo trước ngày 20/12/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.

GIÁM ĐỐC

Lê Văn Hùng
)";

TEST(HeaderTest, CongVanWithSubjectAndAddressees) {
  Extraction e = ExtractText(kLetter);
  const Header& h = e.header;
  EXPECT_EQ(h.doc_type, "Công văn");
  EXPECT_EQ(h.number, "1234");
  EXPECT_EQ(h.symbol, "BQL-VP");
  EXPECT_EQ(h.issuer, "Ban Quản lý Khu kinh tế");
  EXPECT_EQ(h.title, "báo cáo kết quả thực hiện Chỉ số PCI năm 2024");
  EXPECT_EQ(h.signer_title, "Giám đốc");
  EXPECT_EQ(h.signer_authority, "");
  EXPECT_EQ(h.signer_name, "Lê Văn Hùng");
  int addressees = 0;
  for (const auto& r : e.recipients) addressees += r.purpose == "kính gửi";
  EXPECT_EQ(addressees, 2);
}

TEST(HeaderTest, BlankNumberAndDay) {
  Extraction e = ExtractText(
      "Số: /KH-UBND\n\nHồng Bàng, ngày     tháng 9 năm 2025\n\nKẾ HOẠCH\nVề việc thử nghiệm\n\nNội dung.\n");
  EXPECT_EQ(e.header.number, "");
  EXPECT_EQ(e.header.symbol, "KH-UBND");
  EXPECT_EQ(e.header.issued_date, "2025-09");
  EXPECT_EQ(e.header.place, "Hồng Bàng");
  EXPECT_EQ(e.header.title, "Về việc thử nghiệm");
}

TEST(HeaderTest, TypeAndTitleOnOneLine) {
  Extraction e = ExtractText(
      "UBND HUYỆN THANH TRÌ\n\nSố: 45/BC-UBND\n\nThanh Trì, ngày 02 tháng 7 năm 2025\n\n"
      "BÁO CÁO SƠ KẾT CÔNG TÁC CẢI CÁCH HÀNH CHÍNH\n6 THÁNG ĐẦU NĂM 2025\n\nThực hiện chỉ đạo của thành phố.\n");
  EXPECT_EQ(e.header.doc_type, "Báo cáo");
  EXPECT_EQ(e.header.title, "SƠ KẾT CÔNG TÁC CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2025");
  EXPECT_EQ(e.header.issuer, "UBND huyện Thanh Trì");
}

TEST(HeaderTest, TypeFromSymbolWhenNoHeading) {
  Extraction e = ExtractText("Số: 12/QĐ-UBND\n\nNội dung quyết định.\n");
  EXPECT_EQ(e.header.doc_type, "Quyết định");
  e = ExtractText("Số: 12/2024/QĐ-UBND\n\nNội dung quyết định.\n");
  EXPECT_EQ(e.header.doc_type, "Quyết định");
  EXPECT_EQ(e.header.symbol, "2024/QĐ-UBND");
  e = ExtractText("Số: 05/BNV-VP\n\nNội dung.\n");
  EXPECT_EQ(e.header.doc_type, "Công văn");
}

// The motto is never the issuer, even when OCR puts it on the agency's line.
TEST(HeaderTest, MottoOnTheAgencyLine) {
  Extraction e = ExtractText(
      "BAN QUẢN LÝ KHU KINH TẾ Độc lập - Tự do - Hạnh phúc\nHẢI PHÒNG\n"
      "Số: 3822 /KH-BQL Hải Phòng, ngày 26 tháng 8 năm 2024\nKẾ HOẠCH\n\nNâng cao chỉ số\n\nNhằm khắc phục.\n");
  EXPECT_EQ(e.header.issuer, "Ban Quản lý Khu kinh tế Hải Phòng");
  EXPECT_EQ(e.header.parent_issuer, "");
  EXPECT_EQ(e.header.number, "3822");
  EXPECT_EQ(e.header.symbol, "KH-BQL");
  EXPECT_EQ(e.header.issued_date, "2024-08-26");
  EXPECT_EQ(e.header.title, "Nâng cao chỉ số");
}

TEST(HeaderSeedTest, Seed001WardPlan) {
  VANBAN_SEED_OR_SKIP(path, "001_");
  Extraction e = ExtractText(testing::ReadFileOrDie(path));
  const Header& h = e.header;
  EXPECT_EQ(h.doc_type, "Kế hoạch");
  EXPECT_EQ(h.number, "");
  EXPECT_EQ(h.symbol, "KH-UBND");
  EXPECT_EQ(h.place, "Hồng Bàng");
  // No agency block: the issuer comes from the body, agreeing with KH-UBND.
  EXPECT_EQ(h.issuer, "UBND phường Hồng Bàng");
  EXPECT_EQ(h.issued_date, "2025-09");
  EXPECT_EQ(h.title,
            "Nâng cao chỉ số năng lực cạnh tranh (PCI) năm 2025-2026 trên địa bàn phường Hồng Bàng");
  EXPECT_EQ(h.signer_authority, "TM. Ủy ban nhân dân, KT. Chủ tịch");
  EXPECT_EQ(h.signer_title, "Phó Chủ tịch");
  EXPECT_EQ(h.signer_name, "Nguyễn Hoàng Việt");
  ASSERT_EQ(e.recipients.size(), 5u);
  EXPECT_EQ(e.recipients[0].recipient, "UBND thành phố");
  EXPECT_EQ(e.recipients[0].purpose, "để b/c");
  EXPECT_EQ(e.recipients[4].purpose, "lưu");
}

TEST(HeaderSeedTest, Seed004Notice) {
  VANBAN_SEED_OR_SKIP(path, "004_");
  Extraction e = ExtractText(testing::ReadFileOrDie(path));
  const Header& h = e.header;
  EXPECT_EQ(h.doc_type, "Thông báo");
  EXPECT_EQ(h.number, "");
  EXPECT_EQ(h.symbol, "TB-BQL");
  EXPECT_EQ(h.place, "Hải Phòng");
  EXPECT_EQ(h.issuer, "Ban Quản lý Khu kinh tế Hải Phòng");
  EXPECT_EQ(h.issued_date, "2024-01");
  EXPECT_EQ(h.title.rfind("Thực hiện các biện pháp nhằm khắc phục tồn tại, hạn chế", 0), 0u) << h.title;
  EXPECT_NE(h.title.find("cải thiện, nâng cao các Chỉ số năm 2024"), std::string::npos);
  EXPECT_EQ(h.signer_authority, "KT. Trưởng ban");
  EXPECT_EQ(h.signer_title, "Phó Trưởng ban");
  EXPECT_EQ(h.signer_name, "Bùi Ngọc Hải");
  ASSERT_EQ(e.recipients.size(), 6u);
  EXPECT_EQ(e.recipients[5].recipient, "VP/BQL");
}

}  // namespace
}  // namespace vanban::extract
