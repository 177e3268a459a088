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
  // Per line of the region: true for a line left out when finding the
  // gutters: a section row ("I  CẢI CÁCH THỦ TỤC HÀNH CHÍNH") whose heading
  // runs across the columns (its words after the first go to the second
  // column), or a row whose cell overflows a gutter (listed in overflow; its
  // words go to the columns their centres fall in).
  std::vector<bool> spanning;
  std::vector<size_t> overflow;
  bool Spanning(size_t line) const { return spanning[line - first]; }
  bool Section(size_t line) const {
    return Spanning(line) && std::find(overflow.begin(), overflow.end(), line) == overflow.end();
  }
};

// Gutters of lines [first, last] (those not marked in skip): x positions,
// between columns of text, of runs at least min_width wide that no word
// covers (wider than the space between two words: 3 pt at 13 pt type).
std::vector<double> Gutters(const std::vector<PhysicalLine>& lines, size_t first, size_t last,
                            const std::vector<bool>& skip, double min_width = 5.0) {
  std::vector<std::pair<double, double>> spans;
  for (size_t i = first; i <= last; ++i) {
    if (skip[i - first]) continue;
    for (const Glyphs& w : lines[i].words) spans.emplace_back(w.x, w.x + w.w);
  }
  std::sort(spans.begin(), spans.end());
  std::vector<double> cuts;
  double reach = spans.empty() ? 0 : spans.front().second;
  for (size_t k = 1; k < spans.size(); ++k) {
    if (spans[k].first - reach >= min_width) cuts.push_back((spans[k].first + reach) / 2);
    reach = std::max(reach, spans[k].second);
  }
  return cuts;
}

// The number of cuts a line's words run across.
int Straddles(const PhysicalLine& l, const std::vector<double>& cuts) {
  int n = 0;
  for (const Glyphs& w : l.words) {
    for (double c : cuts) n += w.x + 1.0 < c && c < w.x + w.w - 1.0;
  }
  return n;
}

// The columns a line's words fall in.
size_t ColumnsUsed(const PhysicalLine& l, const std::vector<double>& cuts) {
  std::vector<bool> used(cuts.size() + 1, false);
  for (const Glyphs& w : l.words) {
    used[std::upper_bound(cuts.begin(), cuts.end(), w.x + w.w / 2) - cuts.begin()] = true;
  }
  return static_cast<size_t>(std::count(used.begin(), used.end(), true));
}

// "I", "II.", "B": the code of a section row.
bool SectionCode(std::string_view t) {
  if (!t.empty() && t.back() == '.') t.remove_suffix(1);
  if (t.empty() || t.size() > 5) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X' || (c >= 'A' && c <= 'H'); });
}

std::vector<TableRegion> FindTables(const std::vector<PhysicalLine>& lines) {
  std::vector<TableRegion> regions;
  auto close = [&](size_t a, size_t b) {  // b right below a
    double gap = lines[b].top - (lines[a].top + lines[a].height);
    return gap <= 2.0 * std::max(lines[a].height, lines[b].height);
  };
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].segments.size() < 3) {
      ++i;
      continue;
    }
    // Grow while three columns stay apart and rows stay close together; a
    // section row may run across the columns.
    std::vector<bool> spanning = {false};
    size_t j = i;
    while (j + 1 < lines.size() && close(j, j + 1)) {
      const PhysicalLine& next = lines[j + 1];
      // Text that starts in the narrow first column (TT) and runs on into
      // the next is a heading or paragraph after the table ("III. TỔ CHỨC
      // THỰC HIỆN"), never a row; judged once a few rows have set the
      // columns (a header alone centres "TT" and misplaces the first gutter).
      std::vector<double> before = Gutters(lines, i, j, spanning);
      const bool settled = j >= i + 3 && !before.empty();
      if (settled && next.words.front().x < before[0] &&
          next.words.front().x + next.words.front().w > before[0] - 1.0) {
        break;
      }
      if (settled && next.words.front().x < before[0] && next.words.size() > 1 &&
          next.words[1].x < before[0] && next.words[1].x + next.words[1].w > before[0] + 1.0) {
        break;
      }
      spanning.push_back(false);
      if (Gutters(lines, i, j + 1, spanning).size() >= 2) {
        ++j;
        continue;
      }
      const std::vector<double>& cuts = before;
      const bool section = cuts.size() >= 2 && next.words.size() > 1 && SectionCode(next.words.front().text) &&
                           next.words.front().x + next.words.front().w < cuts[0] && next.words[1].x > cuts[0] &&
                           j + 2 < lines.size() && close(j + 1, j + 2) && Straddles(lines[j + 2], cuts) <= 1;
      if (!section) {
        spanning.pop_back();
        break;
      }
      spanning.back() = true;
      ++j;
    }
    if (j >= i + 2) {
      TableRegion t{i, j, {}, spanning};
      // A row whose cell runs over a gutter ("Phòng Quản lý ngân sách" set
      // wider than its column) would merge two columns of the whole table:
      // such a row (it has cells of its own) takes no part in the gutters.
      std::vector<double> cuts = Gutters(lines, t.first, t.last, t.spanning);
      for (int pass = 0; pass < 2; ++pass) {
        size_t best = 0, best_cuts = cuts.size();
        for (size_t k = t.first; k <= t.last; ++k) {
          if (t.Spanning(k) || lines[k].segments.size() < 2) continue;
          std::vector<bool> without = t.spanning;
          without[k - t.first] = true;
          // Exactly one gutter comes back, and a wide one: narrower ones or
          // more would be word gaps that only this line's text had hidden
          // (a paragraph, a sparse column).
          size_t n = Gutters(lines, t.first, t.last, without).size();
          size_t wide = Gutters(lines, t.first, t.last, without, 6.0).size();
          if (n == cuts.size() + 1 && wide == Gutters(lines, t.first, t.last, t.spanning, 6.0).size() + 1 &&
              best_cuts == cuts.size()) {
            best = k, best_cuts = n;
          }
        }
        if (best_cuts == cuts.size()) break;
        t.spanning[best - t.first] = true;
        t.overflow.push_back(best);
        cuts = Gutters(lines, t.first, t.last, t.spanning);
      }
      t.cuts = std::move(cuts);
      // The header row often sits apart: its cells wrap in narrow columns
      // with small gaps ("Đơn vị chủ" / "trì"), and so may a section row
      // ("I  CÔNG" / "KHAI,"). The lines right above whose words all stay
      // inside the columns (at most 12, up to the first that crosses a
      // gutter) belong to the table, through the highest of them that fills
      // two columns or more: the header.
      const size_t floor = regions.empty() ? 0 : regions.back().last + 1;
      size_t top = t.first;
      for (int up = 0; up < 12 && top > floor && close(top - 1, top); ++up) {
        const PhysicalLine& above = lines[top - 1];
        if (Straddles(above, t.cuts) > 0) break;
        --top;
        if (ColumnsUsed(above, t.cuts) >= 2) {
          t.spanning.insert(t.spanning.begin(), t.first - top, false);
          t.first = top;
        }
      }
      regions.push_back(std::move(t));
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
    if (i > t.first && (t.Section(i) || t.Section(i - 1) ||
                        l.top - (lines[i - 1].top + lines[i - 1].height) > 0.4 * l.height)) {
      flush();
    }
    if (cells.empty()) cells.assign(t.cuts.size() + 1, "");
    std::vector<std::string> parts(t.cuts.size() + 1);
    for (size_t k = 0; k < l.words.size(); ++k) {
      const Glyphs& w = l.words[k];
      size_t col = std::upper_bound(t.cuts.begin(), t.cuts.end(), w.x + w.w / 2) - t.cuts.begin();
      if (t.Section(i)) col = k == 0 ? 0 : 1;
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
