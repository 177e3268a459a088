#include "input/pdf_reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

#include "core/utf8.h"
#include "input/text_reader.h"

namespace vanban::input {

namespace {

// poppler reports parse errors through one global callback; collect the
// first message of the current thread's load so the error can name it.
thread_local std::string* tls_poppler_error = nullptr;

void CollectPopplerError(const std::string& message, void*) {
  if (tls_poppler_error && tls_poppler_error->empty()) *tls_poppler_error = message;
}

void InstallPopplerErrorHandler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(CollectPopplerError, nullptr); });
}

struct Glyphs {
  std::string text;
  double x, y, w, h;
  bool space_after;
};

std::string ToUtf8(const poppler::ustring& u) {
  poppler::byte_array bytes = u.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Lines of one page from its text boxes; "" marks a paragraph gap.
std::vector<std::string> LinesOfPage(std::vector<Glyphs> boxes) {
  std::vector<std::string> out;
  if (boxes.empty()) return out;
  std::sort(boxes.begin(), boxes.end(), [](const Glyphs& a, const Glyphs& b) {
    return a.y + a.h / 2 < b.y + b.h / 2;
  });
  // Group boxes whose vertical centres lie within half a height of the line's.
  std::vector<std::vector<Glyphs>> lines;
  double line_center = -1e9, line_height = 0;
  for (const Glyphs& g : boxes) {
    double center = g.y + g.h / 2;
    if (lines.empty() || std::fabs(center - line_center) > std::max(line_height, g.h) * 0.5) {
      lines.emplace_back();
      line_center = center;
      line_height = g.h;
    }
    lines.back().push_back(g);
  }
  double previous_bottom = -1;
  double previous_height = 0;
  for (auto& line : lines) {
    std::sort(line.begin(), line.end(), [](const Glyphs& a, const Glyphs& b) { return a.x < b.x; });
    double top = line.front().y, height = 0;
    for (const auto& g : line) height = std::max(height, g.h);
    if (previous_bottom >= 0 && top - previous_bottom > std::max(previous_height, height) * 0.9) {
      out.emplace_back();  // a paragraph gap
    }
    std::string text;
    for (size_t i = 0; i < line.size(); ++i) {
      if (i > 0) {
        const Glyphs& prev = line[i - 1];
        double gap = line[i].x - (prev.x + prev.w);
        if (gap > height * 2.0) {
          text += '\t';
        } else if (prev.space_after || gap > height * 0.15) {
          text += ' ';
        }
      }
      text += line[i].text;
    }
    out.push_back(std::move(text));
    previous_bottom = top + height;
    previous_height = height;
  }
  return out;
}

// A text layer worth reading: enough letters, few replacement or private-use glyphs.
bool UsableTextLayer(const std::vector<std::string>& lines) {
  size_t letters = 0, bad = 0;
  for (const std::string& l : lines) {
    std::string folded = utf8::Fold(l);
    for (unsigned char c : folded) letters += (c >= 'a' && c <= 'z');
    for (size_t i = 0; i + 2 < l.size(); ++i) {
      unsigned char a = l[i], b = l[i + 1];
      if (a == 0xEF && b == 0xBF && static_cast<unsigned char>(l[i + 2]) == 0xBD) ++bad;  // U+FFFD
      if (a == 0xEE) ++bad;  // U+E000..U+EFFF private use
    }
  }
  return letters >= 20 && bad * 10 < letters;
}

}  // namespace

Result<Document> ReadPdfDocument(std::string_view bytes, const PdfLimits& limits) {
  InstallPopplerErrorHandler();
  std::string error;
  tls_poppler_error = &error;
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  tls_poppler_error = nullptr;
  if (!pdf) {
    return Corrupt("cannot parse PDF" + (error.empty() ? std::string() : " (" + error + ")"));
  }
  if (pdf->is_locked() && !pdf->unlock("", "")) {
    return Encrypted("PDF is password-protected");
  }
  const int pages = pdf->pages();
  if (pages <= 0) return Corrupt("PDF has no pages");
  if (pages > limits.max_pages) {
    return ResourceLimit("PDF has " + std::to_string(pages) + " pages; the limit is " +
                         std::to_string(limits.max_pages));
  }
  Document doc;
  doc.format = "pdf";
  for (int i = 0; i < pages; ++i) {
    Page page;
    page.number = i + 1;
    page.source = TextSource::kTextLayer;
    std::unique_ptr<poppler::page> p(pdf->create_page(i));
    if (!p) {
      page.failed = true;
      page.error = "poppler cannot open the page";
      doc.pages.push_back(std::move(page));
      continue;
    }
    poppler::rectf rect = p->page_rect();
    page.width_pt = rect.width();
    page.height_pt = rect.height();
    std::vector<Glyphs> boxes;
    for (const poppler::text_box& box : p->text_list()) {
      poppler::rectf b = box.bbox();
      boxes.push_back(Glyphs{ToUtf8(box.text()), b.x(), b.y(), b.width(), b.height(), box.has_space_after()});
    }
    std::vector<std::string> lines = LinesOfPage(std::move(boxes));
    if (!UsableTextLayer(lines)) {
      page.needs_ocr = true;
      page.source = TextSource::kOcr;
    } else {
      page.blocks = BlocksFromLines(lines);
    }
    doc.pages.push_back(std::move(page));
  }
  return doc;
}

}  // namespace vanban::input
