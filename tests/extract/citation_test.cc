#include <gtest/gtest.h>

#include "extract_fixture.h"

namespace vanban::extract {
namespace {

struct Want {
  const char* doc_type;
  const char* number;
  const char* symbol;
  const char* date;
  const char* issuer;
};

void ExpectCitations(const std::string& text, std::vector<Want> want) {
  Extraction e = ExtractText(text);
  ASSERT_EQ(e.citations.size(), want.size()) << text;
  for (size_t i = 0; i < want.size(); ++i) {
    const Citation& c = e.citations[i];
    EXPECT_EQ(c.doc_type, want[i].doc_type) << c.raw;
    EXPECT_EQ(c.number, want[i].number) << c.raw;
    EXPECT_EQ(c.symbol, want[i].symbol) << c.raw;
    EXPECT_EQ(c.issued_date, want[i].date) << c.raw;
    EXPECT_EQ(c.issuer, want[i].issuer) << c.raw;
  }
}

TEST(CitationTest, FormsTheDocumentsUse) {
  ExpectCitations("Thực hiện Nghị quyết số 02/NQ-CP ngày 05/01/2024 của Chính phủ về những nhiệm vụ.\n",
                  {{"Nghị quyết", "02", "NQ-CP", "2024-01-05", "Chính phủ"}});
  ExpectCitations(
      "Căn cứ Kế hoạch 253/KH-UBND ngày 17 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh về cải cách.\n",
      {{"Kế hoạch", "253", "KH-UBND", "2024-06-17", "Ủy ban nhân dân tỉnh"}});
  ExpectCitations("Căn cứ Quyết định số 56/2021/QĐ-UBND; Chỉ thị số 10/CT-TTg; Nghị quyết số 03-NQ/TU.\n",
                  {{"Quyết định", "56", "2021/QĐ-UBND", "", ""},
                   {"Chỉ thị", "10", "CT-TTg", "", ""},
                   {"Nghị quyết", "03", "NQ/TU", "", ""}});
}

TEST(CitationTest, LawsAndDetailsToldBeforeTheNumber) {
  ExpectCitations("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;\n",
                  {{"Luật", "72", "2025/QH15", "2025-06-16", ""}});
  ExpectCitations(
      "Ngày 28/02/2024, Ủy ban nhân dân thành phố ban hành Quyết định số 412/QĐ-UBND phê duyệt chỉ số.\n",
      {{"Quyết định", "412", "QĐ-UBND", "2024-02-28", "Ủy ban nhân dân thành phố"}});
}

TEST(CitationTest, ListsInheritTypeAndIssuer) {
  ExpectCitations(
      "căn cứ các Kế hoạch của Ủy ban nhân dân thành phố: số 268/KH-UBND ngày 30/11/2022 về nâng cao; "
      "số 197/KH-UBND ngày 22/8/2024 về nâng cao chỉ số.\n",
      {{"Kế hoạch", "268", "KH-UBND", "2022-11-30", "Ủy ban nhân dân thành phố"},
       {"Kế hoạch", "197", "KH-UBND", "2024-08-22", "Ủy ban nhân dân thành phố"}});
}

TEST(CitationTest, TypeFromSymbolAndCitationBrokenAcrossLines) {
  ExpectCitations("Ngày 09/01/2024, Ủy ban nhân dân thành phố đã ban hành Quyết định\nsố 56/QĐ-UBND về việc.\n",
                  {{"Quyết định", "56", "QĐ-UBND", "2024-01-09", "Ủy ban nhân dân thành phố"}});
  ExpectCitations("theo văn bản 05/BNV-VP của Bộ Nội vụ.\n", {{"Công văn", "05", "BNV-VP", "", "Bộ Nội vụ"}});
}

TEST(CitationTest, OwnNumberScoresAndDatesAreNotCitations) {
  ExpectCitations("Số: 12/KH-UBND\n\nđạt 93,20/100 điểm, xếp hạng 6/20 ngày 05/01/2024.\n", {});
}

TEST(CitationTest, SameDocumentTwiceIsOneCitation) {
  ExpectCitations(
      "Thực hiện Kế hoạch số 220/KH-UBND ngày 28/8/2025 của UBND thành phố.\n\nTheo Kế hoạch số 220/KH-UBND.\n",
      {{"Kế hoạch", "220", "KH-UBND", "2025-08-28", "UBND thành phố"}});
}

TEST(CitationSeedTest, Seed004) {
  VANBAN_SEED_OR_SKIP(path, "004_");
  Extraction e = ExtractText(testing::ReadFileOrDie(path));
  ASSERT_EQ(e.citations.size(), 2u);
  EXPECT_EQ(e.citations[0].number, "56");
  EXPECT_EQ(e.citations[0].doc_type, "Quyết định");
  EXPECT_EQ(e.citations[0].issued_date, "2024-01-09");
  EXPECT_EQ(e.citations[1].number, "4691");
  EXPECT_EQ(e.citations[1].issued_date, "2023-12-29");
  EXPECT_EQ(e.citations[1].symbol, "QĐ-UBND");
}

TEST(CitationSeedTest, Seed001) {
  VANBAN_SEED_OR_SKIP(path, "001_");
  Extraction e = ExtractText(testing::ReadFileOrDie(path));
  ASSERT_EQ(e.citations.size(), 1u);
  EXPECT_EQ(e.citations[0].doc_type, "Kế hoạch");
  EXPECT_EQ(e.citations[0].number, "220");
  EXPECT_EQ(e.citations[0].issued_date, "2025-08-28");
  EXPECT_EQ(e.citations[0].issuer, "UBND thành phố");
}

}  // namespace
}  // namespace vanban::extract
