#include "extract/task_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "extract/checks.h"
#include "extract_fixture.h"
#include "testing/paths.h"

namespace vanban::extract {
namespace {

// "lead1, lead2 / support1" with canonical names, in the task's order.
std::string Units(const Task& t) {
  std::string lead, support;
  for (const TaskUnit& u : t.units) {
    std::string& to = u.role == "lead" ? lead : support;
    if (!to.empty()) to += ", ";
    to += u.unit;
  }
  return support.empty() ? lead : lead + " / " + support;
}

int CountWarnings(const Extraction& e, const std::string& code) {
  return static_cast<int>(std::count_if(e.warnings.begin(), e.warnings.end(),
                                         [&](const Warning& w) { return w.code == code; }));
}

std::string WarningText(const Extraction& e, const std::string& code) {
  for (const Warning& w : e.warnings) {
    if (w.code == code) return w.message;
  }
  return "";
}

TEST(CleanCellTextTest, Markup) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"<ul style=\"list-style-type: none\"> - Một. - Hai (pdf) - Ba </ul>", "- Một.\n- Hai (pdf)\n- Ba"},
      {"<ul><li>Một</li><li>Hai</li></ul>", "Một\nHai"},
      {"- Văn bản (pdf) <p>--> yêu cầu đăng tải chậm nhất 3 ngày.</p>", "- Văn bản (pdf)\n→ yêu cầu đăng tải chậm nhất 3 ngày."},
      {"- Rà soát --> báo cáo -> gửi duyệt", "- Rà soát → báo cáo → gửi duyệt"},
      {"'1. Kiểm tra tại DN - Xây dựng Kế hoạch 2. Đoàn kiểm tra '- Thông báo", "1. Kiểm tra tại DN\n- Xây dựng Kế hoạch\n2. Đoàn kiểm tra\n- Thông báo"},
      {"Văn bản &amp; hồ sơ<br/>trên **CTTĐT**", "Văn bản & hồ sơ\ntrên CTTĐT"},
      // A dash inside a name in a cell that is not a list stays.
      {"Phòng Kinh tế - Hạ tầng và Đô thị", "Phòng Kinh tế - Hạ tầng và Đô thị"},
      {"  ", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(CleanCellText(c.in), c.want) << c.in;
}

// --- Seeds -----------------------------------------------------------------

// Seed 004: three numbered duties under "III. Tổ chức thực hiện", then the
// appendix table's 21 tasks (its closing "Yêu cầu … khẩn trương tập trung
// thực hiện./." is a closing formula, not a task).
std::vector<Task> TableTasks(const Extraction& e) {
  std::vector<Task> out;
  for (const Task& t : e.tasks) {
    if (t.section.find("Tổ chức thực hiện") == std::string::npos) out.push_back(t);
  }
  return out;
}

// 004 declares "Tổng số nhiệm vụ: 21" and its appendix table holds 21: those
// are its tasks; the duties under "III. Tổ chức thực hiện" are not counted.
TEST(TaskSeedTest, Seed004DeclaredTotalNamesTheTasks) {
  VANBAN_SEED_OR_SKIP(path, "004_");
  Extraction e = ExtractText(testing::ReadFileOrDie(path));
  ASSERT_EQ(e.tasks.size(), 21u);
  EXPECT_EQ(TableTasks(e).size(), 21u);
  EXPECT_EQ(CountWarnings(e, "task-count-mismatch"), 0);
}

TEST(TaskSeedTest, Seed004AppendixTable) {
  VANBAN_SEED_OR_SKIP(path, "004_");
  Extraction all = ExtractText(testing::ReadFileOrDie(path));
  Extraction e = all;
  e.tasks = TableTasks(all);
  ASSERT_EQ(e.tasks.size(), 21u);
  const std::string dv = "Trung tâm DVVL-ĐT-XTĐT", vp = "Văn phòng", pcm = "Các phòng chuyên môn";
  struct Want {
    const char* section;
    const char* ordinal;
    std::string units;
  } want[] = {
      {"I", "1", dv + " / " + vp},
      {"I", "2", dv + " / " + pcm + ", " + vp},
      {"I", "3", dv + " / " + pcm + ", " + vp},
      {"I", "4", dv + " / " + vp},
      {"I", "5", dv + " / " + vp},
      {"II", "1", pcm + ", " + dv},
      {"II", "2", pcm + ", " + dv},
      {"II", "3", vp + ", " + pcm + ", " + dv},
      {"III", "1", vp + " / " + pcm + ", " + dv},
      {"III", "2", pcm + " / " + vp},
      {"III", "3", vp + ", " + pcm + ", " + dv},
      {"III", "4", vp + ", " + pcm + ", " + dv + " / " + vp},
      {"III", "5", vp + ", " + pcm + ", " + dv + " / " + vp},
      {"III", "6", vp + ", " + pcm + ", " + dv + " / " + vp},
      {"III", "7", pcm + " / " + vp},
      {"IV", "1", vp + ", " + pcm + ", " + dv},
      {"IV", "2", vp + ", " + pcm + ", " + dv},
      {"IV", "3", vp + ", " + pcm + ", " + dv},
      {"V", "1", vp + " / " + pcm + ", " + dv},
      {"VI", "1", vp + ", " + pcm + ", " + dv},
      {"VI", "2", vp + " / " + pcm},
  };
  for (size_t i = 0; i < 21; ++i) {
    const Task& t = e.tasks[i];
    EXPECT_EQ(SectionCode(t.section), want[i].section) << i;
    EXPECT_EQ(t.ordinal, want[i].ordinal) << i;
    EXPECT_EQ(Units(t), want[i].units) << i << ": " << t.title;
    EXPECT_FALSE(t.title.empty()) << i;
    EXPECT_EQ(t.title.find('<'), std::string::npos) << t.title;
    EXPECT_EQ(t.detail.find("<ul"), std::string::npos) << t.detail;
    EXPECT_EQ(t.product.find("<p>"), std::string::npos) << t.product;
  }
  // The alias as written is kept beside the canonical name.
  EXPECT_EQ(e.tasks[10].units[2].as_written, "DVVL-ĐT-XTĐT");
  EXPECT_EQ(e.tasks[1].units[1].as_written, "Các Phòng");
  // Sections keep their headings.
  EXPECT_EQ(e.tasks[5].section, "II. NHIỆM VỤ CÓ THỜI HẠN");
  // Deadlines as data.
  EXPECT_EQ(e.tasks[0].due_offset, "P3D");
  EXPECT_EQ(e.tasks[0].due_anchor, "issue");
  EXPECT_EQ(e.tasks[0].deadline_text, "chậm nhất 3 ngày kể từ ngày ban hành");
  EXPECT_EQ(e.tasks[5].due_offset, "-P2D");
  EXPECT_EQ(e.tasks[5].due_anchor, "set-deadline");
  EXPECT_EQ(e.tasks[7].due_offset, "P10D");
  EXPECT_EQ(e.tasks[7].due_anchor, "parent-issue");
  EXPECT_EQ(e.tasks[8].recurrence, "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5");
  EXPECT_EQ(e.tasks[14].recurrence, "");  // "Kế hoạch hằng năm" names a product
  EXPECT_EQ(e.tasks[16].recurrence, "FREQ=YEARLY;BYMONTH=1");
  EXPECT_EQ(e.tasks[17].recurrence, "FREQ=MONTHLY");
  // The document's checks: 21 declared and found; III.6 repeats III.4.
  EXPECT_EQ(CountWarnings(all, "task-count-mismatch"), 0) << WarningText(all, "task-count-mismatch");
  ASSERT_EQ(CountWarnings(e, "duplicate-task"), 1);
  EXPECT_NE(WarningText(e, "duplicate-task").find("III.6"), std::string::npos);
  EXPECT_NE(WarningText(e, "duplicate-task").find("III.4"), std::string::npos);
  EXPECT_EQ(CountWarnings(e, "task-without-lead"), 0);
  EXPECT_EQ(CountWarnings(e, "unknown-unit"), 0);
  // Keys are unique, and the same on a second run.
  std::set<std::string> keys;
  for (const Task& t : all.tasks) keys.insert(t.key);
  EXPECT_EQ(keys.size(), 21u);
  Extraction again = ExtractText(testing::ReadFileOrDie(path));
  for (size_t i = 0; i < 21; ++i) EXPECT_EQ(again.tasks[i].key, all.tasks[i].key);
}

TEST(TaskSeedTest, Seed004KeysSurviveEditsElsewhere) {
  VANBAN_SEED_OR_SKIP(path, "004_");
  std::string text = testing::ReadFileOrDie(path);
  Extraction before = ExtractText(text);
  // Edit the body and the table's other cells: a product and a unit.
  std::string edited = text;
  size_t at = edited.find("Để đảm bảo");
  ASSERT_NE(at, std::string::npos);
  edited.insert(at, "Một đoạn văn được thêm vào giữa văn bản.\n\n");
  at = edited.find("Ảnh chụp tiểu mục");
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, std::string("Ảnh chụp").size(), "Hình chụp");
  Extraction after = ExtractText(edited);
  ASSERT_EQ(after.tasks.size(), before.tasks.size());
  for (size_t i = 0; i < before.tasks.size(); ++i) EXPECT_EQ(after.tasks[i].key, before.tasks[i].key) << i;
}

TEST(TaskSeedTest, Seed001Prose) {
  VANBAN_SEED_OR_SKIP(path, "001_");
  Extraction e = ExtractText(testing::ReadFileOrDie(path));
  // The closing "đề nghị các đơn vị nghiêm túc triển khai thực hiện" is not a task.
  ASSERT_EQ(e.tasks.size(), 6u);
  const std::string cq = "Các cơ quan, đơn vị liên quan", kt = "Phòng Kinh tế - Hạ tầng và Đô thị";
  struct Want {
    const char* ordinal;
    std::string units;
  } want[] = {
      {"1.1", cq},
      {"1.2", cq},
      {"1.3", cq},
      {"2.1", kt},
      {"2.2", kt},
      {"3.1", "Phòng Văn hóa - Xã hội, Trung tâm Phục vụ hành chính công, Trung tâm Cung ứng dịch vụ công"},
  };
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(e.tasks[i].ordinal, want[i].ordinal) << i;
    EXPECT_EQ(Units(e.tasks[i]), want[i].units) << i << ": " << e.tasks[i].title;
    EXPECT_EQ(e.tasks[i].section, "III. TỔ CHỨC THỰC HIỆN");
  }
  // A sentence broken by a blank line is one task, with both deadlines.
  EXPECT_EQ(e.tasks[2].recurrence, "FREQ=YEARLY;BYMONTH=3,6,9;BYMONTHDAY=15");
  EXPECT_EQ(e.tasks[2].due_date, "2025-12-05");
  EXPECT_NE(e.tasks[2].title.find("05/12 gửi phòng"), std::string::npos);
  EXPECT_EQ(CountWarnings(e, "unknown-unit"), 0);
}

// --- Other layouts, written for these tests -----------------------------------

// STT / Nhiệm vụ / Đơn vị chủ trì / Đơn vị phối hợp / Thời gian hoàn thành,
// over two pages with the header repeated, a task continued on the next
// page, merged lead cells, a group row with sub-tasks and sections.
const char kPlanWithTable[] =
    "UBND TỈNH BẮC NAM\n"
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG\n"
    "\n"
    "Số: 15/KH-STTTT\tBắc Nam, ngày 10 tháng 3 năm 2025\n"
    "\n"
    "KẾ HOẠCH\n"
    "Chuyển đổi số năm 2025\n"
    "\n"
    "Các phòng triển khai các nhiệm vụ tại Phụ lục kèm theo.\n"
    "\n"
    "PHỤ LỤC\n"
    "\n"
    "STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n"
    "A\tNHIỆM VỤ CHUNG\t\t\t\n"
    "1\tXây dựng kho dữ liệu dùng chung của Sở\tVăn phòng\tPhòng Tư pháp, Phòng Nội vụ\tQuý II/2025\n"
    "2\tSố hóa hồ sơ lưu trữ giai đoạn 1\t\t\tTháng 9/2025\n"
    "3\tĐào tạo kỹ năng số cho công chức\tPhòng Nội vụ\t\tThường xuyên\n"
    "\f\n"
    "STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n"
    "\tvà hướng dẫn sử dụng chữ ký số\t\tTrung tâm Công nghệ thông tin\t\n"
    "B\tNHIỆM VỤ CỤ THỂ\t\t\t\n"
    "1\tHạ tầng số\t\t\t\n"
    "1.1\tNâng cấp mạng nội bộ\tTrung tâm Công nghệ thông tin\tVăn phòng\ttrước ngày 30/6\n"
    "1.2\tThuê dịch vụ điện toán đám mây\t\t\ttrước ngày 15/11/2031\n"
    "2\tBáo cáo kết quả thực hiện\tCác phòng, đơn vị\tVăn phòng\tĐịnh kỳ hằng quý\n"
    "\n"
    "Tổng số nhiệm vụ: 8\n";

TEST(TaskLayoutTest, TableOverTwoPagesWithMergedCells) {
  Extraction e = ExtractText(kPlanWithTable);
  ASSERT_EQ(e.tasks.size(), 6u) << "the group row \"1 Hạ tầng số\" is not a task";
  const Task& t1 = e.tasks[0];
  EXPECT_EQ(t1.section, "A. NHIỆM VỤ CHUNG");
  EXPECT_EQ(t1.ordinal, "1");
  EXPECT_EQ(Units(t1), "Văn phòng / Phòng Tư pháp, Phòng Nội vụ");
  EXPECT_EQ(t1.due_date, "2025-06-30");
  EXPECT_EQ(t1.deadline_text, "Quý II/2025");
  // Merged lead cell: task 2 takes task 1's lead; an empty support cell stays empty.
  EXPECT_EQ(Units(e.tasks[1]), "Văn phòng");
  EXPECT_LT(e.tasks[1].confidence, 1.0);
  EXPECT_EQ(e.tasks[1].due_date, "2025-09-30");
  // Task 3 goes on after the page break: its title and supporting unit.
  const Task& t3 = e.tasks[2];
  EXPECT_EQ(t3.title, "Đào tạo kỹ năng số cho công chức và hướng dẫn sử dụng chữ ký số");
  EXPECT_EQ(Units(t3), "Phòng Nội vụ / Trung tâm Công nghệ thông tin");
  EXPECT_EQ(t3.deadline_text, "Thường xuyên");
  // Sub-tasks under the group row.
  EXPECT_EQ(e.tasks[3].ordinal, "1.1");
  EXPECT_EQ(e.tasks[3].section, "B. NHIỆM VỤ CỤ THỂ › 1. Hạ tầng số");
  EXPECT_EQ(e.tasks[3].due_date, "2025-06-30");
  EXPECT_EQ(e.tasks[3].page, 2);
  EXPECT_EQ(e.tasks[5].recurrence, "FREQ=MONTHLY;INTERVAL=3");
  EXPECT_EQ(Units(e.tasks[5]), "Các phòng, đơn vị sự nghiệp / Văn phòng");
  // The document's checks.
  EXPECT_NE(WarningText(e, "task-count-mismatch").find("8"), std::string::npos);
  EXPECT_NE(WarningText(e, "date-out-of-range").find("2031-11-15"), std::string::npos);
  EXPECT_NE(WarningText(e, "unknown-unit").find("Trung tâm Công nghệ thông tin"), std::string::npos);
  EXPECT_EQ(CountWarnings(e, "unknown-unit"), 1) << "reported once per document";
}

TEST(TaskLayoutTest, TaskWithoutLeadAndOtherHeaders) {
  const char text[] =
      "BAN QUẢN LÝ KHU KINH TẾ\n"
      "\n"
      "Số: 9/TB-BQL\tHải Phòng, ngày 2 tháng 2 năm 2024\n"
      "\n"
      "TT\tNội dung công việc\tSản phẩm\tĐơn vị thực hiện\tPhối hợp\tThời hạn\n"
      "1\tRà soát quy chế làm việc\tQuy chế sửa đổi\t\tVăn phòng\t30/4/2024\n"
      "2\tCập nhật cơ sở dữ liệu doanh nghiệp\tDữ liệu cập nhật\tPhòng QLDN\t\tHằng tháng\n";
  Extraction e = ExtractText(text);
  ASSERT_EQ(e.tasks.size(), 2u);
  EXPECT_EQ(e.tasks[0].product, "Quy chế sửa đổi");
  EXPECT_EQ(e.tasks[0].due_date, "2024-04-30");
  EXPECT_EQ(Units(e.tasks[0]), " / Văn phòng");
  EXPECT_NE(WarningText(e, "task-without-lead").find("1"), std::string::npos);
  EXPECT_EQ(Units(e.tasks[1]), "Phòng Quản lý doanh nghiệp");
  EXPECT_EQ(e.tasks[1].units[0].as_written, "Phòng QLDN");
  EXPECT_EQ(e.tasks[1].recurrence, "FREQ=MONTHLY");
}

const char kPlanInProse[] =
    "ỦY BAN NHÂN DÂN XÃ AN HÒA\n"
    "\n"
    "Số: 31/KH-UBND\tAn Hòa, ngày 4 tháng 4 năm 2025\n"
    "\n"
    "KẾ HOẠCH\n"
    "Cải cách hành chính năm 2025\n"
    "\n"
    "I. MỤC ĐÍCH\n"
    "\n"
    "Nâng cao chất lượng phục vụ người dân.\n"
    "\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Văn phòng HĐND và UBND chủ trì, phối hợp với Phòng Văn hóa - Xã hội tổ chức tuyên truyền kế hoạch; hoàn thành trước ngày 30/5/2025.\n"
    "\n"
    "2. Giao Phòng Kinh tế theo dõi, tổng hợp kết quả, báo cáo UBND xã trước ngày 20 hằng tháng.\n"
    "\n"
    "3. Công an xã có trách nhiệm bảo đảm an ninh trật tự tại Bộ phận một cửa.\n"
    "\n"
    "4. Phòng Tư pháp:\n"
    "\n"
    "- Rà soát thủ tục hành chính thuộc thẩm quyền;\n"
    "- Phối hợp với Văn phòng HĐND và UBND công khai kết quả rà soát chậm nhất 5 ngày kể từ ngày ban hành quyết định công bố.\n"
    "\n"
    "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo UBND xã.\n"
    "\n"
    "Nơi nhận:\n"
    "- Như trên;\n";

TEST(TaskLayoutTest, ProseCues) {
  Extraction e = ExtractText(kPlanInProse);
  ASSERT_EQ(e.tasks.size(), 5u);
  EXPECT_EQ(Units(e.tasks[0]), "Văn phòng / Phòng Văn hóa - Xã hội");
  EXPECT_EQ(e.tasks[0].units[0].as_written, "Văn phòng HĐND và UBND");
  EXPECT_EQ(e.tasks[0].due_date, "2025-05-30");
  EXPECT_EQ(Units(e.tasks[1]), "Phòng Kinh tế");
  EXPECT_EQ(e.tasks[1].recurrence, "FREQ=MONTHLY;BYMONTHDAY=20");
  EXPECT_EQ(Units(e.tasks[2]), "Công an");
  EXPECT_EQ(e.tasks[3].ordinal, "4.1");
  EXPECT_EQ(Units(e.tasks[3]), "Phòng Tư pháp");
  EXPECT_EQ(e.tasks[4].ordinal, "4.2");
  // "Phối hợp với Y …" under X's heading: Y leads, X supports.
  EXPECT_EQ(Units(e.tasks[4]), "Văn phòng / Phòng Tư pháp");
  EXPECT_EQ(e.tasks[4].due_offset, "P5D");
  EXPECT_EQ(e.tasks[4].due_anchor, "issue");
  for (const Task& t : e.tasks) EXPECT_EQ(t.section, "II. TỔ CHỨC THỰC HIỆN");
}

// Items in a body section with "Unit: text", lettered items under a heading
// naming collective units, role markers in one unit cell, merged deadline
// cells, and what is not a task.
TEST(TaskLayoutTest, ItemsMarkersAndClosings) {
  const char text[] =
      "ỦY BAN NHÂN DÂN TỈNH HÀ NAM\n"
      "\n"
      "Số: 12/CT-UBND\tHà Nam, ngày 6 tháng 1 năm 2025\n"
      "\n"
      "CHỈ THỊ\n"
      "Về tăng cường kỷ luật hành chính\n"
      "\n"
      "I. MỤC TIÊU\n"
      "\n"
      "1. Chỉ số CCHC của tỉnh tăng ít nhất 2 bậc.\n"
      "\n"
      "II. NHIỆM VỤ\n"
      "\n"
      "1. Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thị xã, thành phố:\n"
      "\n"
      "a) Quán triệt Chỉ thị đến từng công chức;\n"
      "b) Báo cáo kết quả trước ngày 10 của tháng cuối quý.\n"
      "\n"
      "2. Sở Nội vụ: chủ trì, phối hợp với Thanh tra tỉnh kiểm tra công vụ; thời gian: thường xuyên.\n"
      "\n"
      "3. Đề nghị Tòa án nhân dân tỉnh: phối hợp cung cấp thông tin.\n"
      "\n"
      "III. KIẾN NGHỊ\n"
      "\n"
      "1. Văn phòng UBND tỉnh đề xuất bổ sung kinh phí.\n"
      "\n"
      "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở nghiêm túc thực hiện Chỉ thị này./.\n"
      "\n"
      "STT\tNhiệm vụ\tĐơn vị thực hiện\tThời gian\n"
      "1\tTập huấn kỹ năng số\tPhòng Nội vụ (chủ trì); Văn phòng, UBND các phường (phối hợp)\tQuý II/2025\n"
      "2\tKhảo sát sự hài lòng\tPhòng Tư pháp (chủ trì)\t\n";
  Extraction e = ExtractText(text);
  ASSERT_EQ(e.tasks.size(), 6u);
  const std::string heads = "Thủ trưởng các sở, ban, ngành, Lãnh đạo UBND";
  EXPECT_EQ(Units(e.tasks[0]), heads);
  EXPECT_EQ(e.tasks[0].units[0].as_written, "Thủ trưởng các sở, ban, ngành");
  EXPECT_EQ(e.tasks[0].units[1].as_written, "Chủ tịch UBND các huyện, thị xã, thành phố");
  EXPECT_EQ(e.tasks[0].ordinal, "a");
  EXPECT_EQ(e.tasks[1].recurrence, "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10");
  EXPECT_EQ(e.tasks[2].title, "chủ trì, phối hợp với Thanh tra tỉnh kiểm tra công vụ; thời gian: thường xuyên.");
  EXPECT_EQ(Units(e.tasks[2]), "Sở Nội vụ / Thanh tra thành phố");
  EXPECT_EQ(e.tasks[2].units[1].as_written, "Thanh tra tỉnh");
  EXPECT_EQ(e.tasks[2].deadline_text, "thường xuyên");
  EXPECT_EQ(Units(e.tasks[3]), "Tòa án nhân dân tỉnh");
  // Role markers in one cell; an empty deadline cell below a filled one.
  EXPECT_EQ(Units(e.tasks[4]), "Phòng Nội vụ / Văn phòng, UBND các phường");
  EXPECT_EQ(e.tasks[4].units[2].as_written, "UBND các phường");
  EXPECT_EQ(Units(e.tasks[5]), "Phòng Tư pháp");
  EXPECT_EQ(e.tasks[5].due_date, "2025-06-30");
}

TEST(TaskLayoutTest, NoTasksInADocumentWithout) {
  Extraction e = ExtractText("KẾ HOẠCH\n\nI. MỤC ĐÍCH\n\nVăn phòng chủ trì các cuộc họp.\n");
  EXPECT_TRUE(e.tasks.empty());
  EXPECT_EQ(CountWarnings(e, "task-count-mismatch"), 0);
}

TEST(TaskKeyTest, StableAndDisambiguated) {
  std::vector<Task> tasks(3);
  tasks[0].section = "I. CÔNG KHAI";
  tasks[0].ordinal = "1";
  tasks[0].title = "Về công khai, minh bạch";
  tasks[1] = tasks[0];
  tasks[2] = tasks[0];
  tasks[2].section = "I. Công khai thông tin";  // heading reworded: same key
  tasks[2].title = "VE CONG KHAI MINH BACH";     // lost marks: same key
  AssignTaskKeys(&tasks);
  EXPECT_EQ(tasks[0].key.size(), 19u);
  EXPECT_EQ(tasks[0].key.substr(0, 3), "t1-");
  EXPECT_EQ(tasks[1].key, tasks[0].key + "#2");
  EXPECT_EQ(tasks[2].key, tasks[0].key + "#3");
  std::vector<Task> other(1, tasks[0]);
  other[0].ordinal = "2";
  AssignTaskKeys(&other);
  EXPECT_NE(other[0].key, tasks[0].key);
}

// Former bugs.
TEST(TaskFormerBugs, Bugs) {
  // A product naming "Kế hoạch hằng năm" was read as a yearly recurrence.
  const char text[] =
      "TT\tNhiệm vụ\tSản phẩm\tChủ trì\tPhối hợp\n"
      "1\tKiểm tra doanh nghiệp\t- Kế hoạch hằng năm của Ban\tCác Phòng\tVăn phòng\n";
  Extraction e = ExtractText(text);
  ASSERT_EQ(e.tasks.size(), 1u);
  EXPECT_EQ(e.tasks[0].recurrence, "");
  // "Căn cứ kế hoạch …:" under a unit heading used to end the heading's scope.
  const char prose[] =
      "III. TỔ CHỨC THỰC HIỆN\n\n1. Các phòng chuyên môn:\n\nCăn cứ kế hoạch, các phòng thực hiện:\n\n- Rà soát hồ sơ.\n";
  Extraction p = ExtractText(prose);
  ASSERT_EQ(p.tasks.size(), 1u);
  EXPECT_EQ(Units(p.tasks[0]), "Các phòng chuyên môn");
}

// Found on the held-out documents and the scans (corpus/heldout.txt,
// corpus/scans): one case each.
TEST(TaskFormerBugs, HeldOutAndScans) {
  // The plan a Quyết định issues follows its signer: its tasks are the document's.
  Extraction attached = ExtractText(
      "QUYẾT ĐỊNH\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính.\n\n"
      "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\f\nKẾ HOẠCH\n"
      "Cải cách hành chính năm 2025\n(Ban hành kèm theo Quyết định số 12/QĐ-SYT ngày 09/4/2025)\n\n"
      "III. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng Sở chủ trì rà soát thủ tục hành chính; thời gian: Quý II/2025.\n");
  ASSERT_EQ(attached.tasks.size(), 1u);
  EXPECT_EQ(Units(attached.tasks[0]), "Văn phòng");
  EXPECT_EQ(attached.tasks[0].due_date, "2025-06-30");
  // A unit heading without a colon heads its bullets.
  Extraction heading = ExtractText(
      "III. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Kinh tế - Hạ tầng và Đô thị\n\n- Rà soát hồ sơ đất đai.\n\n"
      "- Báo cáo kết quả hằng quý.\n");
  ASSERT_EQ(heading.tasks.size(), 2u);
  EXPECT_EQ(Units(heading.tasks[1]), "Phòng Kinh tế - Hạ tầng và Đô thị");
  EXPECT_EQ(heading.tasks[1].recurrence, "FREQ=MONTHLY;INTERVAL=3");
  // OCR: a stray dash before "3." and a sentence ended with ':' for '.'.
  Extraction scan = ExtractText(
      "III. TỔ CHỨC THỰC HIỆN\n\n2. Văn phòng chủ trì, phối hợp với Trung tâm Xúc tiến đầu tư theo dõi, đôn đốc "
      "việc thực hiện Kế hoạch; tổng hợp, báo cáo Trưởng ban trước ngày 05/12/2024:\n"
      "—3. Các phòng, đơn vị báo cáo kết quả thực hiện nhiệm vụ hằng quý.\n");
  ASSERT_EQ(scan.tasks.size(), 2u);
  EXPECT_EQ(scan.tasks[0].due_date, "2024-12-05");
  EXPECT_EQ(scan.tasks[1].ordinal, "3");
}

}  // namespace
}  // namespace vanban::extract
