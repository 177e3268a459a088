#include "extract/casing.h"

#include <gtest/gtest.h>

#include "testing/paths.h"

namespace vanban::extract {
namespace {

TEST(CasingTest, NormalCaseOfAgenciesAndTitles) {
  auto casing = Casing::Load(testing::SourcePath("rules"));
  ASSERT_TRUE(casing.ok()) << casing.status().ToString();
  struct Case { const char* in; const char* want; } cases[] = {
      {"BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG", "Ban Quản lý Khu kinh tế Hải Phòng"},
      {"UBND THÀNH PHỐ HẢI PHÒNG", "UBND thành phố Hải Phòng"},
      {"ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "Ủy ban nhân dân tỉnh Thanh Hóa"},
      {"SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư"},
      {"GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Giám đốc Sở Nông nghiệp và Môi trường"},
      {"PHÓ TRƯỞNG BAN", "Phó Trưởng ban"},
      {"PHÓ CHỦ TỊCH", "Phó Chủ tịch"},
      {"UBND PHƯỜNG HỒNG BÀNG", "UBND phường Hồng Bàng"},
      {"TRUNG TÂM DVVL-ĐT-XTĐT", "Trung tâm DVVL-ĐT-XTĐT"},
  };
  for (const auto& c : cases) EXPECT_EQ(casing->NormalCase(c.in), c.want) << c.in;
}

}  // namespace
}  // namespace vanban::extract
