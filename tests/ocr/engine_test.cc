// The OCR engine with Tesseract (slow): scans of the test documents rendered
// by tools/render at test time, read back and compared with the text that is
// on the page.
#include "ocr/ocr.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/utf8.h"
#include "ocr/metrics.h"
#include "ocr/pix.h"
#include "pipeline/processor.h"
#include "pipeline/reader.h"
#include "render/render.h"
#include "testing/paths.h"

namespace vanban::ocr {
namespace {

namespace fs = std::filesystem;

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Options o;
    o.jobs = 2;
    auto e = Engine::Create(o);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    engine_ = std::move(e).value().release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }

  // Renders tests/ocr/data/NAME as a scan into a fresh folder; returns the
  // layout (for the truth) and writes page PNGs, a TIFF and an image PDF.
  struct Scan {
    render::Layout layout;
    std::string dir, tiff, pdf;
    std::vector<double> skew;
  };
  static Scan Render(const std::string& name, uint32_t seed, std::optional<double> skew = std::nullopt) {
    Scan s;
    auto layout = render::LayoutDocument(testing::ReadFileOrDie(testing::SourcePath("tests/ocr/data/" + name)));
    EXPECT_TRUE(layout.ok());
    s.layout = std::move(layout).value();
    render::ScanOptions so;
    so.seed = seed;
    so.skew_degrees = skew;
    auto pages = render::RenderScan(s.layout, so, &s.skew);
    s.dir = testing::TempDir();
    s.tiff = s.dir + "/scan.tif";
    s.pdf = s.dir + "/scan.pdf";
    EXPECT_TRUE(render::WritePngs(pages, s.dir).ok());
    EXPECT_TRUE(render::WriteTiff(pages, s.tiff).ok());
    EXPECT_TRUE(render::WriteScanPdf(pages, 300, s.pdf).ok());
    return s;
  }

  static std::string PageText(const Page& p) {
    Document d;
    d.pages.push_back(p);
    return d.PlainText();
  }

  static std::vector<std::string> TruthPages(const render::Layout& layout) {
    std::vector<std::string> out;
    for (auto p : utf8::Split(layout.Truth(), '\f')) out.emplace_back(p);
    return out;
  }

  static Engine* engine_;
};

Engine* EngineTest::engine_ = nullptr;

// The bound was measured, not chosen to pass: on these scans (seeds 11–13)
// vanban read 1.0–3.4% CER per page and 2.6% overall across the benchmark
// set (bench/ocr_bench), against 15–28% for the bare tesseract command. The
// bound leaves room for Tesseract builds to differ slightly.
constexpr double kMaxPageCer = 0.06;

TEST_F(EngineTest, TaskTableScanReadsWithLowErrorRate) {
  Scan s = Render("ke-hoach-trong-cay.txt", 11);
  auto pages = engine_->RecognizeImageFile(s.tiff);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  std::vector<std::string> truth = TruthPages(s.layout);
  ASSERT_EQ(pages->size(), truth.size());
  for (size_t i = 0; i < truth.size(); ++i) {
    const Page& p = (*pages)[i];
    ASSERT_FALSE(p.failed) << p.error;
    EXPECT_EQ(p.source, TextSource::kOcr);
    EXPECT_EQ(p.scan.dpi, 300);
    EXPECT_GT(p.scan.mean_confidence, 70);
    ErrorCount cer = CharacterErrors(truth[i], PageText(p));
    EXPECT_LT(cer.rate(), kMaxPageCer) << "page " << i + 1 << ":\n" << PageText(p);
  }
}

TEST_F(EngineTest, HeaderColumnsComeOutInOrder) {
  Scan s = Render("ke-hoach-trong-cay.txt", 12);
  auto pages = engine_->RecognizeImageFile(s.dir + "/page-001.png");
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 1u);
  // The first lines, folded (no marks) to be robust to a misread mark.
  std::vector<std::string> lines;
  for (const Block& b : (*pages)[0].blocks)
    for (const Line& l : b.lines) lines.push_back(utf8::Fold(l.text));
  auto find = [&](const std::string& needle) {
    for (size_t i = 0; i < lines.size(); ++i)
      if (lines[i].find(needle) != std::string::npos) return static_cast<int>(i);
    return -1;
  };
  int agency = find("ubnd tinh ha nam"), issuer = find("so nong nghiep"), number = find("47/kh-snnmt");
  int motto = find("cong hoa xa hoi"), motto2 = find("doc lap"), date = find("ha nam, ngay 12");
  int title = find("ke hoach");
  for (int i : {agency, issuer, number, motto, motto2, date, title}) ASSERT_GE(i, 0);
  // Left column top to bottom, then the right column, then the title.
  EXPECT_LT(agency, issuer);
  EXPECT_LT(issuer, number);
  EXPECT_LT(number, motto);
  EXPECT_LT(motto, motto2);
  EXPECT_LT(motto2, date);
  EXPECT_LT(date, title);
  // Not interleaved: no line holds both columns.
  EXPECT_EQ(lines[static_cast<size_t>(agency)].find("cong hoa"), std::string::npos);
}

TEST_F(EngineTest, RuledTableComesBackAsRowsOfCells) {
  Scan s = Render("thong-bao-chi-tieu.txt", 13);
  auto pages = engine_->RecognizeImageFile(s.dir + "/page-001.png");
  ASSERT_TRUE(pages.ok());
  const Block* table = nullptr;
  for (const Block& b : (*pages)[0].blocks)
    if (b.kind == Block::Kind::kTable) table = &b;
  ASSERT_NE(table, nullptr);
  // 6 columns, header + 5 indicator rows, as in the document.
  ASSERT_EQ(table->table.rows.size(), 6u);
  for (const auto& row : table->table.rows) EXPECT_EQ(row.size(), 6u);
  // Cell by cell against the document's TAB-separated rows (marks folded
  // away, wrapped cell lines joined): most cells read exactly.
  std::vector<std::vector<std::string>> expected;
  for (auto line : utf8::Split(testing::ReadFileOrDie(testing::SourcePath("tests/ocr/data/thong-bao-chi-tieu.txt")), '\n')) {
    if (line.find('\t') == std::string_view::npos) continue;
    expected.emplace_back();
    for (auto cell : utf8::Split(line, '\t')) expected.back().push_back(utf8::Fold(cell));
  }
  ASSERT_EQ(expected.size(), 6u);
  const auto& rows = table->table.rows;
  int exact = 0, total = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size() && c < expected[r].size(); ++c) {
      std::string got = rows[r][c].Text();
      for (char& ch : got) if (ch == '\n') ch = ' ';
      ++total;
      if (utf8::Fold(got) == expected[r][c]) ++exact;
      else std::cerr << "cell " << r << "," << c << " read \"" << got << "\"\n";
    }
  }
  // Measured: 30 of 36 cells exact (seed 13); misreads are codes like
  // CT01 → CT0I and ≤ / ≥ read as < / >.
  EXPECT_GE(exact * 100, total * 75) << exact << " of " << total << " cells exact";
  // The text around the table is read too, and not inside the table.
  std::string text = utf8::Fold(PageText((*pages)[0]));
  EXPECT_NE(text.find("cac ban, nganh doan the"), std::string::npos);
}

TEST_F(EngineTest, SkewedScanIsStraightened) {
  Scan s = Render("cong-van-sot-xuat-huyet.txt", 14, 1.5);
  auto pages = engine_->RecognizePdfPages(s.pdf, {1, 2});
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 2u);
  std::vector<std::string> truth = TruthPages(s.layout);
  for (size_t i = 0; i < 2; ++i) {
    const Page& p = (*pages)[i];
    EXPECT_EQ(p.number, static_cast<int>(i) + 1);
    ASSERT_FALSE(p.failed) << p.error;
    EXPECT_NEAR(std::fabs(p.scan.skew_degrees), 1.5, 0.15);
    EXPECT_GT(p.width_pt, 590);
    EXPECT_LT(CharacterErrors(truth[i], PageText(p)).rate(), kMaxPageCer) << PageText(p);
  }
}

TEST_F(EngineTest, BadImagesGiveErrorsNotCrashes) {
  std::string dir = testing::TempDir();
  // 1×1 px: read, but the page fails with a reason.
  {
    PixPtr tiny(pixCreate(1, 1, 8));
    ASSERT_EQ(pixWritePng((dir + "/tiny.png").c_str(), tiny.get(), 0), 0);
    auto r = engine_->RecognizeImageFile(dir + "/tiny.png");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->size(), 1u);
    EXPECT_TRUE((*r)[0].failed);
    EXPECT_NE((*r)[0].error.find("too small"), std::string::npos);
  }
  // 20000×20000 px: refused from the header, before decoding.
  {
    PixPtr huge(pixCreate(20000, 20000, 1));
    ASSERT_EQ(pixWritePng((dir + "/huge.png").c_str(), huge.get(), 0), 0);
    huge.reset();
    auto r = engine_->RecognizeImageFile(dir + "/huge.png");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kResourceLimit);
  }
  // A PNG cut short after its header.
  {
    Scan s = Render("thong-bao-chi-tieu.txt", 15);
    std::string bytes = testing::ReadFileOrDie(s.dir + "/page-001.png");
    testing::WriteFileOrDie(dir + "/cut.png", bytes.substr(0, 200));
    auto r = engine_->RecognizeImageFile(dir + "/cut.png");
    EXPECT_FALSE(r.ok() && !(*r)[0].failed) << "a truncated PNG was read";
  }
  // Not an image, and no file at all.
  testing::WriteFileOrDie(dir + "/text.png", "Đây không phải là ảnh.\n");
  EXPECT_EQ(engine_->RecognizeImageFile(dir + "/text.png").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(engine_->RecognizeImageFile(dir + "/missing.png").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(engine_->RecognizePdfPages(dir + "/missing.pdf", {1}).status().code(), StatusCode::kNotFound);
}

TEST_F(EngineTest, PdfPageOutOfRangeIsAnError) {
  Scan s = Render("thong-bao-chi-tieu.txt", 16);
  auto r = engine_->RecognizePdfPages(s.pdf, {2});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(EngineTest, TimeoutFailsThePageNotTheCall) {
  Options o;
  o.jobs = 1;
  o.page_timeout_s = 0.001;
  auto e = Engine::Create(o);
  ASSERT_TRUE(e.ok());
  Scan s = Render("thong-bao-chi-tieu.txt", 17);
  auto r = (*e)->RecognizeImageFile(s.dir + "/page-001.png");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_TRUE((*r)[0].failed);
  EXPECT_NE((*r)[0].error.find("timeout"), std::string::npos) << (*r)[0].error;
}

TEST_F(EngineTest, PipelineReadsAScannedPdfThroughOcr) {
  Scan s = Render("cong-van-sot-xuat-huyet.txt", 18);
  std::string bytes = testing::ReadFileOrDie(s.pdf);
  auto raw = pipeline::ReadDocument(s.pdf, bytes, pipeline::ReadLimits{});
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  ASSERT_EQ(raw->pages.size(), 2u);
  EXPECT_TRUE(raw->pages[0].needs_ocr);
  pipeline::ProcessorOptions options;
  options.jobs = 2;
  auto processor = pipeline::Processor::Create(options);
  ASSERT_TRUE(processor.ok()) << processor.status().ToString();
  auto doc = (*processor)->Read(s.pdf, bytes);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text_source(), TextSource::kOcr);
  std::string text = utf8::Fold(doc->PlainText());
  EXPECT_NE(text.find("so: 305/kcb-nv"), std::string::npos) << text;
  EXPECT_NE(text.find("tran trong"), std::string::npos) << text;
}

}  // namespace
}  // namespace vanban::ocr
