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

// A run of words on one line with no wide gap inside: a cell of a row.
struct Segment {
  std::string text;
  double left, right;
};

struct PhysicalLine {
  std::vector<Glyphs> words;  // left to right
  std::vector<Segment> segments;
  double top = 0, height = 0;
  double left() const { return segments.front().left; }
  double right() const { return segments.back().right; }
};

std::vector<PhysicalLine> GroupLines(std::vector<Glyphs> boxes) {
  std::vector<PhysicalLine> out;
  std::sort(boxes.begin(), boxes.end(), [](const Glyphs& a, const Glyphs& b) {
    return a.y + a.h / 2 < b.y + b.h / 2;
  });
  // Boxes whose vertical centres lie within half a height of the line's.
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
  for (auto& line : lines) {
    std::sort(line.begin(), line.end(), [](const Glyphs& a, const Glyphs& b) { return a.x < b.x; });
    PhysicalLine pl;
    pl.top = line.front().y;
    for (const auto& g : line) pl.height = std::max(pl.height, g.h);
    for (size_t i = 0; i < line.size(); ++i) {
      const Glyphs& g = line[i];
      if (i == 0 || g.x - (line[i - 1].x + line[i - 1].w) > pl.height * 2.0) {
        pl.segments.push_back(Segment{g.text, g.x, g.x + g.w});
        continue;
      }
      const Glyphs& prev = line[i - 1];
      Segment& seg = pl.segments.back();
      if (prev.space_after || g.x - (prev.x + prev.w) > pl.height * 0.15) seg.text += ' ';
      seg.text += g.text;
      seg.right = g.x + g.w;
    }
    pl.words = std::move(line);
    out.push_back(std::move(pl));
  }
  return out;
}

// A ruled table read from the text layer: lines [first, last] whose words
// leave at least two vertical gutters (three columns) free all the way down.
struct TableRegion {
  size_t first = 0, last = 0;
  std::vector<double> cuts;  // x positions between columns, left to right
};

// Gutters: x ranges inside [lo, hi] that no word of lines [first, last] covers.
std::vector<double> Gutters(const std::vector<PhysicalLine>& lines, size_t first, size_t last) {
  std::vector<std::pair<double, double>> spans;
  for (size_t i = first; i <= last; ++i) {
    for (const Glyphs& w : lines[i].words) spans.emplace_back(w.x, w.x + w.w);
  }
  std::sort(spans.begin(), spans.end());
  std::vector<double> cuts;
  double reach = spans.empty() ? 0 : spans.front().second;
  for (size_t k = 1; k < spans.size(); ++k) {
    if (spans[k].first - reach >= 3.0) cuts.push_back((spans[k].first + reach) / 2);
    reach = std::max(reach, spans[k].second);
  }
  return cuts;
}

std::vector<TableRegion> FindTables(const std::vector<PhysicalLine>& lines) {
  std::vector<TableRegion> regions;
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].segments.size() < 3) {
      ++i;
      continue;
    }
    // Grow while three columns stay apart and rows stay close together.
    size_t j = i;
    while (j + 1 < lines.size()) {
      double gap = lines[j + 1].top - (lines[j].top + lines[j].height);
      if (gap > 2.0 * std::max(lines[j].height, lines[j + 1].height)) break;
      if (Gutters(lines, i, j + 1).size() < 2) break;
      ++j;
    }
    if (j >= i + 2) {
      regions.push_back(TableRegion{i, j, Gutters(lines, i, j)});
      i = j + 1;
    } else {
      ++i;
    }
  }
  return regions;
}

// The rows of a table region, cells joined by TAB. A row ends where the
// vertical gap between lines is wider than the spacing of wrapped lines
// inside one cell.
std::vector<std::string> TableRows(const std::vector<PhysicalLine>& lines, const TableRegion& t) {
  std::vector<std::string> rows;
  std::vector<std::string> cells;
  auto flush = [&] {
    if (cells.empty()) return;
    std::string row;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c) row += '\t';
      row += cells[c];
    }
    rows.push_back(std::move(row));
    cells.clear();
  };
  for (size_t i = t.first; i <= t.last; ++i) {
    const PhysicalLine& l = lines[i];
    if (i > t.first && l.top - (lines[i - 1].top + lines[i - 1].height) > 0.4 * l.height) flush();
    if (cells.empty()) cells.assign(t.cuts.size() + 1, "");
    std::vector<std::string> parts(t.cuts.size() + 1);
    for (size_t k = 0; k < l.words.size(); ++k) {
      const Glyphs& w = l.words[k];
      size_t col = std::upper_bound(t.cuts.begin(), t.cuts.end(), w.x + w.w / 2) - t.cuts.begin();
      std::string& part = parts[col];
      if (!part.empty() && (l.words[k - 1].space_after || w.x - (l.words[k - 1].x + l.words[k - 1].w) > l.height * 0.15)) {
        part += ' ';
      }
      part += w.text;
    }
    for (size_t c = 0; c < parts.size(); ++c) {
      if (parts[c].empty()) continue;
      // A symbol broken at the cell's edge ("101/2024/NĐ-" + "CP") joins without a space.
      const std::string& cell = cells[c];
      bool broken_symbol = cell.size() >= 2 && (cell.back() == '-' || cell.back() == '/') &&
                           cell[cell.size() - 2] != ' ';
      if (!cells[c].empty() && !broken_symbol) cells[c] += ' ';
      cells[c] += parts[c];
    }
  }
  flush();
  return rows;
}

// Lines of one page as text, laid out the way a text export writes them:
// cells of a row separated by TAB; in a two-column zone (agency block beside
// the motto, Nơi nhận beside the signer) every line is "left<TAB>right" even
// when one side is empty, so the zone reads as one table; a centred line
// (type and trích yếu) and the indented first line of a paragraph start a
// new paragraph ("" marks the gap).
std::vector<std::string> LinesOfPage(std::vector<Glyphs> boxes) {
  std::vector<std::string> out;
  if (boxes.empty()) return out;
  std::vector<PhysicalLine> lines = GroupLines(std::move(boxes));
  std::vector<TableRegion> tables = FindTables(lines);
  std::vector<int> table_of(lines.size(), -1);
  for (size_t t = 0; t < tables.size(); ++t) {
    for (size_t i = tables[t].first; i <= tables[t].last; ++i) table_of[i] = static_cast<int>(t);
  }
  double margin_left = 1e9, margin_right = -1e9;
  for (const auto& l : lines) {
    margin_left = std::min(margin_left, l.left());
    margin_right = std::max(margin_right, l.right());
  }
  const double width = std::max(1.0, margin_right - margin_left);
  // Indented on both sides by about as much: a centred heading or title line.
  auto centered = [&](const PhysicalLine& l) {
    double indent_left = l.left() - margin_left, indent_right = margin_right - l.right();
    return l.segments.size() == 1 && indent_left > 3.0 && indent_right > 3.0 &&
           std::fabs(indent_left - indent_right) < width * 0.02;
  };
  // Two-column zones: grow from each two-segment line over neighbours whose
  // segments all fall on one side of the split.
  std::vector<double> split(lines.size(), -1);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].segments.size() != 2 || split[i] >= 0 || table_of[i] >= 0) continue;
    double cut = lines[i].segments[1].left - lines[i].height;
    auto fits = [&](const PhysicalLine& l) {
      if (centered(l) || l.segments.size() > 2 || table_of[&l - lines.data()] >= 0) return false;
      for (const auto& seg : l.segments) {
        if (seg.left < cut && seg.right > cut + l.height) return false;  // straddles the split
      }
      return true;
    };
    split[i] = cut;
    for (size_t j = i + 1; j < lines.size() && fits(lines[j]); ++j) split[j] = cut;
    for (size_t j = i; j-- > 0 && split[j] < 0 && fits(lines[j]);) split[j] = cut;
  }
  double previous_bottom = -1, previous_height = 0;
  bool previous_centered = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const PhysicalLine& l = lines[i];
    if (table_of[i] >= 0) {  // a whole table: its rows, set apart by gaps
      const TableRegion& t = tables[table_of[i]];
      if (!out.empty() && !out.back().empty()) out.emplace_back();
      for (std::string& row : TableRows(lines, t)) out.push_back(std::move(row));
      out.emplace_back();
      i = t.last;
      previous_bottom = lines[i].top + lines[i].height;
      previous_height = lines[i].height;
      previous_centered = false;
      continue;
    }
    const bool is_centered = split[i] < 0 && centered(l);
    const bool indented = split[i] < 0 && !is_centered && l.left() > margin_left + l.height * 0.8 &&
                          l.left() < margin_left + width * 0.2;
    bool gap = previous_bottom >= 0 && l.top - previous_bottom > std::max(previous_height, l.height) * 0.9;
    if (i > 0 && (is_centered != previous_centered || indented) && split[i] < 0) gap = true;
    if (i > 0 && (split[i] < 0) != (split[i - 1] < 0)) gap = true;
    if (gap && !out.empty() && !out.back().empty()) out.emplace_back();
    std::string text;
    if (split[i] >= 0) {
      std::string left, right;
      for (const auto& seg : l.segments) {
        std::string& side = seg.left < split[i] ? left : right;
        if (!side.empty()) side += ' ';
        side += seg.text;
      }
      text = left + "\t" + right;
    } else {
      for (size_t k = 0; k < l.segments.size(); ++k) {
        if (k) text += '\t';
        text += l.segments[k].text;
      }
    }
    out.push_back(std::move(text));
    previous_bottom = l.top + l.height;
    previous_height = l.height;
    previous_centered = is_centered;
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
  // poppler::document::unlock() returns the locked state AFTER trying: true
  // means the empty password did not open it.
  if (pdf->is_locked() && pdf->unlock("", "")) {
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
