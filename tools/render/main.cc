// vanban-render: lays out one UTF-8 corpus document on A4 pages and writes a
// born-digital PDF and/or a degraded scan. See --help.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "render/render.h"

namespace {

const char kUsage[] = R"(usage: vanban-render DOCUMENT.txt [outputs] [options]

Lays out a UTF-8 document written in the corpus conventions (two-column header
with a TAB, TAB-separated tables, '\f' page breaks, Nơi nhận and signer at the
end) on A4 pages as Nghị định 30/2020 places things, in Liberation Serif 13 pt.

outputs (any number):
  --pdf FILE       born-digital PDF with a real text layer
  --scan FILE      image-only PDF of a simulated scan (grey JPEG pages at --dpi)
  --tiff FILE      the same scan as a multi-page TIFF
  --png-dir DIR    the same scan as DIR/page-001.png, ...
  --truth FILE     the text on the pages, in reading order (for CER); pages
                   separated by '\f'
options:
  --seed N         seed of the deterministic degradation (default 1)
  --skew DEG       rotate every page by DEG degrees instead of a seeded ±1.5°
  --clean          no degradation at all (straight, white, sharp)
  --dpi N          scan resolution (default 300)

The scan is rendered at --dpi, rotated slightly, blurred, given grey paper, an
uneven illumination gradient, grain and speckles, all drawn from --seed.
Example:
  vanban-render corpus/documents/x.txt --pdf corpus/pdf/x.pdf \
      --scan corpus/scans/x.pdf --truth /tmp/x.txt --seed 7
)";

}  // namespace

int main(int argc, char** argv) {
  std::string input, pdf, scan, tiff, png_dir, truth;
  vanban::render::ScanOptions so;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) { std::cerr << "vanban-render: " << a << " needs a value\n"; std::exit(2); }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") { std::cout << kUsage; return 0; }
    else if (a == "--pdf") pdf = next();
    else if (a == "--scan") scan = next();
    else if (a == "--tiff") tiff = next();
    else if (a == "--png-dir") png_dir = next();
    else if (a == "--truth") truth = next();
    else if (a == "--seed") so.seed = static_cast<uint32_t>(std::stoul(next()));
    else if (a == "--skew") so.skew_degrees = std::stod(next());
    else if (a == "--dpi") so.dpi = std::stoi(next());
    else if (a == "--clean") so.degrade = false;
    else if (!a.empty() && a[0] == '-') { std::cerr << "vanban-render: unknown option " << a << "\n" << kUsage; return 2; }
    else if (input.empty()) input = a;
    else { std::cerr << "vanban-render: one document at a time\n"; return 2; }
  }
  if (input.empty()) { std::cerr << kUsage; return 2; }
  if (so.dpi < 50 || so.dpi > 1200) { std::cerr << "vanban-render: --dpi out of range\n"; return 2; }
  std::ifstream in(input, std::ios::binary);
  if (!in) { std::cerr << "vanban-render: cannot read " << input << "\n"; return 1; }
  std::stringstream ss;
  ss << in.rdbuf();
  auto layout = vanban::render::LayoutDocument(ss.str());
  if (!layout.ok()) { std::cerr << "vanban-render: " << layout.status().ToString() << "\n"; return 1; }
  auto check = [](const vanban::Status& s) {
    if (!s.ok()) { std::cerr << "vanban-render: " << s.ToString() << "\n"; std::exit(1); }
  };
  if (!pdf.empty()) check(vanban::render::WritePdf(*layout, pdf));
  if (!truth.empty()) {
    std::ofstream out(truth, std::ios::binary);
    out << layout->Truth();
    if (!out) check(vanban::IoError("cannot write " + truth));
  }
  if (!scan.empty() || !tiff.empty() || !png_dir.empty()) {
    std::vector<double> skew;
    auto pages = vanban::render::RenderScan(*layout, so, &skew);
    if (!scan.empty()) check(vanban::render::WriteScanPdf(pages, so.dpi, scan));
    if (!tiff.empty()) check(vanban::render::WriteTiff(pages, tiff));
    if (!png_dir.empty()) check(vanban::render::WritePngs(pages, png_dir));
    for (size_t p = 0; p < skew.size(); ++p)
      std::fprintf(stderr, "page %zu: skew %.2f°\n", p + 1, skew[p]);
  }
  return 0;
}
