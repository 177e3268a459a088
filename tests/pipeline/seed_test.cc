// The seeds through the whole pipeline (normalize and restore included), the
// way `vanban ingest` reads them. Skipped, saying so, without ../shared/seeds.
#include <gtest/gtest.h>

#include "pipeline/processor.h"
#include "testing/paths.h"

namespace vanban::pipeline {
namespace {

// Seed 000 is Tesseract's English model on a scanned plan: after restoration
// its two duties in "V. Tổ chức thực hiện" are tasks, and the Nơi nhận that
// OCR spelled "Noi nhén" ends them (its lines are recipients, not tasks).
TEST(SeedPipelineTest, Seed000EnglishOcrTasks) {
  VANBAN_SEED_OR_SKIP(path, "000_");
  auto processor = Processor::Create(ProcessorOptions{testing::SourcePath("rules"), 1, {}});
  ASSERT_TRUE(processor.ok()) << processor.status().ToString();
  auto doc = (*processor)->ReadPath(path);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto ex = (*processor)->Extract(*doc);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  EXPECT_EQ(ex->header.number, "3822");
  EXPECT_EQ(ex->header.symbol, "KH-BQL");
  EXPECT_EQ(ex->header.issued_date, "2024-08-26");  // "ngày 26 tháng 8 ndam 2024"
  EXPECT_EQ(ex->header.place, "Hải Phòng");
  ASSERT_EQ(ex->tasks.size(), 2u);
  ASSERT_FALSE(ex->tasks[0].units.empty());
  EXPECT_EQ(ex->tasks[0].units[0].unit, "Văn phòng");
  EXPECT_EQ(ex->tasks[0].units[0].role, "lead");
  EXPECT_EQ(ex->tasks[1].recurrence, "FREQ=YEARLY;BYMONTH=3,6,9;BYMONTHDAY=15");
}

}  // namespace
}  // namespace vanban::pipeline
