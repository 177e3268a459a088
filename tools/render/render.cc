#include "render/render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

#include "core/utf8.h"

namespace vanban::render {

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kLeft = 30 * kMm, kRight = 15 * kMm, kTop = 20 * kMm, kBottom = 20 * kMm;
constexpr double kBodySize = 13;
constexpr const char* kFamily = "Liberation Serif";

std::string_view StripCr(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

bool HasLetters(std::string_view s) {
  for (unsigned char c : s) if (std::isalpha(c) || c >= 0x80) return true;
  return false;
}

bool IsUpper(std::string_view s) {
  return HasLetters(s) && utf8::Upper(s) == std::string(s);
}

bool IsMotto(std::string_view s) {
  std::string f = utf8::Fold(s);
  return utf8::StartsWith(f, "cong hoa xa hoi") || utf8::StartsWith(f, "doc lap");
}

bool IsPlaceDate(std::string_view s) {
  std::string f = utf8::Fold(s);
  return f.find(", ngay") != std::string::npos && f.find("thang") != std::string::npos;
}

bool IsNumberLine(std::string_view s) {
  return utf8::StartsWith(s, "Số:") || utf8::StartsWith(s, "Số ") || utf8::StartsWith(s, "SỐ:");
}

bool IsAuthority(std::string_view s) {
  for (const char* p : {"TM. ", "KT. ", "TL. ", "TUQ. ", "Q. "})
    if (utf8::StartsWith(s, p)) return true;
  return false;
}

bool IsNoiNhan(std::string_view s) {
  return utf8::StartsWith(utf8::Fold(s), "noi nhan");
}

bool IsRomanHeading(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')) ++i;
  return i > 0 && i + 1 < s.size() && s[i] == '.' && s[i + 1] == ' ';
}

std::pair<std::string, std::string> SplitTab(std::string_view s) {
  size_t t = s.find('\t');
  if (t == std::string_view::npos) return {std::string(s), ""};
  std::string right(s.substr(t + 1));
  for (char& c : right) if (c == '\t') c = ' ';
  return {std::string(utf8::Trim(s.substr(0, t))), std::string(utf8::Trim(right))};
}

struct Style {
  double size = kBodySize;
  bool bold = false, italic = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool justify = false;
  double indent = 0;
};

class Builder {
 public:
  Builder() {
    fontmap_ = pango_cairo_font_map_new();
    context_ = pango_font_map_create_context(fontmap_);
    pango_cairo_context_set_resolution(context_, 72);
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(context_, FALSE);
    layout_.pages.emplace_back();
    y_ = kTop;
  }
  ~Builder() {
    g_object_unref(context_);
    g_object_unref(fontmap_);
  }
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  double TextWidth() const { return layout_.width_pt - kLeft - kRight; }
  double Bottom() const { return layout_.height_pt - kBottom; }

  std::shared_ptr<void> Make(const std::string& text, double width, const Style& st) {
    PangoLayout* l = pango_layout_new(context_);
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, kFamily);
    pango_font_description_set_absolute_size(fd, st.size * PANGO_SCALE);
    pango_font_description_set_weight(fd, st.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, st.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, st.align);
    pango_layout_set_justify(l, st.justify);
    pango_layout_set_indent(l, static_cast<int>(st.indent * PANGO_SCALE));
    pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
    // A word broken across lines gets no hyphen: the page shows only the
    // document's own characters (the truth text stays exact).
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    return std::shared_ptr<void>(l, [](void* p) { g_object_unref(p); });
  }

  static PangoLayout* L(const std::shared_ptr<void>& p) { return static_cast<PangoLayout*>(p.get()); }

  static double Height(const std::shared_ptr<void>& l) {
    int w, h;
    pango_layout_get_size(L(l), &w, &h);
    return h / double(PANGO_SCALE);
  }
  static double NaturalWidth(const std::shared_ptr<void>& l) {
    int w, h;
    pango_layout_get_size(L(l), &w, &h);
    return w / double(PANGO_SCALE);
  }

  // The op that draws the iterator's current line of a layout whose top-left
  // is at (x, top).
  static Op LineOp(const std::shared_ptr<void>& lay, PangoLayoutIter* it, const char* text, int index, double x,
                   double top) {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
    Op op;
    op.kind = Op::Kind::kLine;
    op.layout = lay;
    op.line = index;
    op.x = x + logical.x / double(PANGO_SCALE);
    op.y = top + pango_layout_iter_get_baseline(it) / double(PANGO_SCALE);
    op.text.assign(text + line->start_index, line->length);
    return op;
  }

  // The line ops of a layout whose top-left is at (x, top), on `page`.
  // With `flow`, lines that do not fit move to the next page.
  void Place(const std::shared_ptr<void>& lay, double x, double top, int page,
             std::vector<Op>* out) {
    PangoLayoutIter* it = pango_layout_get_iter(L(lay));
    const char* text = pango_layout_get_text(L(lay));
    int index = 0;
    do {
      Op op = LineOp(lay, it, text, index++, x, top);
      if (out) out->push_back(op); else layout_.pages[page].ops.push_back(op);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  // Flows a layout in the body: splits it across pages line by line.
  void Flow(const std::shared_ptr<void>& lay, double x, double space_after) {
    PangoLayoutIter* it = pango_layout_get_iter(L(lay));
    const char* text = pango_layout_get_text(L(lay));
    int index = 0;
    double shift = y_;  // page y of layout y 0
    double last_bottom = y_;
    do {
      int y0, y1;
      pango_layout_iter_get_line_yrange(it, &y0, &y1);
      double top = y0 / double(PANGO_SCALE), bottom = y1 / double(PANGO_SCALE);
      if (shift + bottom > Bottom()) {
        NewPage();
        shift = y_ - top;
      }
      layout_.pages.back().ops.push_back(LineOp(lay, it, text, index++, x, shift));
      last_bottom = shift + bottom;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    y_ = last_bottom + space_after;
  }

  void NewPage() {
    layout_.pages.emplace_back();
    y_ = kTop;
  }

  void Rule(double x1, double y1, double x2, double y2, double w, std::vector<Op>* out) {
    Op op;
    op.kind = Op::Kind::kRule;
    op.x = x1; op.y = y1; op.x2 = x2; op.y2 = y2; op.width = w;
    out->push_back(op);
  }

  // ---- document parts ----

  void Header(const std::vector<std::string>& lines) {
    std::vector<std::string> agency, motto, number, date;
    bool after_number = false;
    for (const std::string& raw : lines) {
      auto [l, r] = SplitTab(raw);
      bool tabbed = raw.find('\t') != std::string::npos;
      auto put_left = [&](const std::string& s) {
        if (s.empty()) return;
        if (IsNumberLine(s)) after_number = true;
        (after_number ? number : agency).push_back(s);
      };
      auto put_right = [&](const std::string& s) {
        if (s.empty()) return;
        (IsPlaceDate(s) ? date : motto).push_back(s);
      };
      if (tabbed) {
        put_left(l);
        put_right(r);
      } else if (IsMotto(l) || IsPlaceDate(l)) {
        put_right(l);
      } else {
        put_left(l);
      }
    }
    double tw = TextWidth();
    double lw = tw * 0.42, rw = tw * 0.58;
    double lx = kLeft - 10, rx = kLeft + lw;
    std::vector<Op> left_ops, right_ops;
    // Agency (left) and motto (right) start on the same line.
    double yl = y_, yr = y_;
    for (size_t i = 0; i < agency.size(); ++i) {
      Style st; st.align = PANGO_ALIGN_CENTER; st.bold = i > 0 || agency.size() == 1;
      auto lay = Make(agency[i], lw + 10, st);
      Place(lay, lx, yl, 0, &left_ops);
      yl += Height(lay);
    }
    if (!agency.empty()) {
      double cx = lx + (lw + 10) / 2;
      Rule(cx - 28, yl + 3, cx + 28, yl + 3, 0.6, &left_ops);
      yl += 8;
    }
    for (size_t i = 0; i < motto.size(); ++i) {
      Style st; st.align = PANGO_ALIGN_CENTER; st.bold = true; st.size = i == 0 ? 12 : 13;
      auto lay = Make(motto[i], rw, st);
      Place(lay, rx, yr, 0, &right_ops);
      yr += Height(lay);
      if (i == 1) {
        double cx = rx + rw / 2, half = NaturalWidth(Make(motto[i], -1, st)) / 2;
        Rule(cx - half, yr + 1, cx + half, yr + 1, 0.6, &right_ops);
        yr += 6;
      }
    }
    double y = std::max(yl, yr) + 4;
    yl = yr = y;
    for (size_t i = 0; i < number.size(); ++i) {
      Style st; st.align = PANGO_ALIGN_CENTER; st.size = i == 0 ? 13 : 12;
      auto lay = Make(number[i], lw + 10, st);
      Place(lay, lx, yl, 0, &left_ops);
      yl += Height(lay);
    }
    for (const std::string& d : date) {
      Style st; st.align = PANGO_ALIGN_CENTER; st.italic = true;
      auto lay = Make(d, rw, st);
      Place(lay, rx, yr, 0, &right_ops);
      yr += Height(lay);
    }
    auto& ops = layout_.pages.back().ops;
    ops.insert(ops.end(), left_ops.begin(), left_ops.end());
    ops.insert(ops.end(), right_ops.begin(), right_ops.end());
    y_ = std::max(yl, yr) + 14;
  }

  void Title(const std::vector<std::string>& lines) {
    for (size_t i = 0; i < lines.size(); ++i) {
      Style st; st.align = PANGO_ALIGN_CENTER; st.bold = true; st.size = 14;
      Flow(Make(lines[i], TextWidth(), st), kLeft, i + 1 == lines.size() ? 12 : 0);
    }
  }

  void Paragraph(const std::string& text) {
    Style st;
    st.justify = true;
    if (IsRomanHeading(text) || IsUpper(text)) {
      st.bold = true;
    } else if (!utf8::StartsWith(text, "Kính gửi")) {
      st.indent = 10 * kMm;
    }
    Flow(Make(text, TextWidth(), st), kLeft, 6);
  }

  void Table(const std::vector<std::vector<std::string>>& rows) {
    size_t ncol = 0;
    for (const auto& r : rows) ncol = std::max(ncol, r.size());
    const double pad = 4, size = 12, tw = TextWidth();
    // Column widths: natural widths, at least the widest word, scaled to fit.
    std::vector<double> nat(ncol, 0), minw(ncol, 0);
    for (size_t ri = 0; ri < rows.size(); ++ri) {
      for (size_t c = 0; c < rows[ri].size(); ++c) {
        Style st; st.size = size; st.bold = ri == 0;
        nat[c] = std::max(nat[c], NaturalWidth(Make(rows[ri][c], -1, st)) + 2 * pad);
        for (auto w : utf8::Split(rows[ri][c], ' '))
          minw[c] = std::max(minw[c], NaturalWidth(Make(std::string(w), -1, st)) + 2 * pad);
      }
    }
    double sum_nat = 0;
    for (double n : nat) sum_nat += n;
    std::vector<double> w(ncol);
    if (sum_nat <= tw) {
      for (size_t c = 0; c < ncol; ++c) w[c] = nat[c] * tw / sum_nat;
    } else {
      double sum_min = 0;
      for (size_t c = 0; c < ncol; ++c) sum_min += minw[c];
      if (sum_min >= tw) {
        // Even the longest words do not fit: shrink every column alike
        // (Pango then breaks inside words).
        for (size_t c = 0; c < ncol; ++c) w[c] = minw[c] * tw / sum_min;
      } else {
        double extra = tw - sum_min, want = 0;
        for (size_t c = 0; c < ncol; ++c) want += nat[c] - minw[c];
        for (size_t c = 0; c < ncol; ++c)
          w[c] = minw[c] + (want > 0 ? extra * (nat[c] - minw[c]) / want : 0);
      }
    }
    std::vector<double> xs(ncol + 1, kLeft);
    for (size_t c = 0; c < ncol; ++c) xs[c + 1] = xs[c] + w[c];

    auto make_row = [&](size_t ri) {
      std::vector<std::shared_ptr<void>> cells;
      double h = 0;
      for (size_t c = 0; c < ncol; ++c) {
        Style st; st.size = size; st.bold = ri == 0;
        st.align = ri == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
        std::string t = c < rows[ri].size() ? rows[ri][c] : "";
        cells.push_back(Make(t, w[c] - 2 * pad, st));
        h = std::max(h, Height(cells.back()));
      }
      return std::make_pair(cells, h + 2 * pad);
    };
    auto emit_row = [&](size_t ri) {
      auto [cells, h] = make_row(ri);
      std::vector<Op>& ops = layout_.pages.back().ops;
      for (size_t c = 0; c < ncol; ++c) {
        if (c < rows[ri].size() && !rows[ri][c].empty())
          Place(cells[c], xs[c] + pad, y_ + pad, 0, &ops);
      }
      Rule(xs[0], y_, xs[ncol], y_, 0.75, &ops);
      Rule(xs[0], y_ + h, xs[ncol], y_ + h, 0.75, &ops);
      for (size_t c = 0; c <= ncol; ++c) Rule(xs[c], y_, xs[c], y_ + h, 0.75, &ops);
      y_ += h;
    };
    y_ += 2;
    for (size_t ri = 0; ri < rows.size(); ++ri) {
      double h = make_row(ri).second;
      if (y_ + h > Bottom()) {
        NewPage();
        if (ri > 0 && rows.size() > 1) emit_row(0);  // repeat the header row
      }
      emit_row(ri);
    }
    y_ += 10;
  }

  void Closing(const std::vector<std::string>& lines) {
    std::vector<std::string> left;
    std::vector<std::string> right;  // "" is a gap
    bool in_list = false;
    for (const std::string& raw : lines) {
      if (raw.find('\t') != std::string::npos) {
        auto [l, r] = SplitTab(raw);
        if (!l.empty()) left.push_back(l);
        right.push_back(r);
        continue;
      }
      std::string s(utf8::Trim(raw));
      if (IsNoiNhan(s)) { in_list = true; left.push_back(s); continue; }
      if (in_list && (utf8::StartsWith(s, "-") || utf8::StartsWith(s, "+"))) {
        left.push_back(s);
        continue;
      }
      in_list = false;
      if (s.empty()) {
        if (!right.empty()) right.push_back("");
        continue;
      }
      right.push_back(s);
    }
    while (!right.empty() && right.back().empty()) right.pop_back();
    while (!right.empty() && right.front().empty()) right.erase(right.begin());
    // Room for a signature above the name.
    if (right.size() >= 2) {
      size_t gaps = 0;
      for (size_t i = right.size() - 1; i-- > 0 && right[i].empty();) ++gaps;
      for (; gaps < 4; ++gaps) right.insert(right.end() - 1, "");
    }
    double tw = TextWidth(), lw = tw * 0.45, rw = tw * 0.55;
    std::vector<std::shared_ptr<void>> lays_l, lays_r;
    double hl = 0, hr = 0;
    for (size_t i = 0; i < left.size(); ++i) {
      Style st; st.size = i == 0 ? 12 : 11; st.bold = i == 0; st.italic = i == 0;
      lays_l.push_back(Make(left[i], lw, st));
      hl += Height(lays_l.back());
    }
    for (const std::string& r : right) {
      Style st; st.align = PANGO_ALIGN_CENTER; st.bold = true;
      lays_r.push_back(r.empty() ? nullptr : Make(r, rw, st));
      hr += r.empty() ? 15 : Height(lays_r.back());
    }
    y_ += 6;
    if (y_ + std::max(hl, hr) > Bottom()) NewPage();
    auto& ops = layout_.pages.back().ops;
    double y = y_;
    for (auto& l : lays_l) { Place(l, kLeft, y, 0, &ops); y += Height(l); }
    double y2 = y_;
    for (auto& l : lays_r) {
      if (!l) { y2 += 15; continue; }
      Place(l, kLeft + lw, y2, 0, &ops);
      y2 += Height(l);
    }
    y_ = std::max(y, y2);
  }

  Layout Take() { return std::move(layout_); }

 private:
  PangoFontMap* fontmap_ = nullptr;
  PangoContext* context_ = nullptr;
  Layout layout_;
  double y_ = 0;
};

}  // namespace

std::string Layout::Truth() const {
  std::string out;
  for (size_t p = 0; p < pages.size(); ++p) {
    if (p) out += '\f';
    for (const Op& op : pages[p].ops) {
      if (op.kind != Op::Kind::kLine) continue;
      std::string t(utf8::Trim(op.text));
      if (t.empty()) continue;
      out += t;
      out += '\n';
    }
  }
  return out;
}

Result<Layout> LayoutDocument(const std::string& text) {
  if (!utf8::IsValid(text)) return InvalidArgument("the document is not valid UTF-8");
  std::vector<std::string> lines;
  for (auto l : utf8::Split(text, '\n')) lines.emplace_back(StripCr(l));
  while (!lines.empty() && utf8::Trim(lines.back()).empty()) lines.pop_back();

  Builder b;
  size_t i = 0;
  // Header: the lines up to the last header-like line among the first ones.
  size_t header_end = 0;
  bool seen_number = false, seen_date = false, in_subject = false;
  for (size_t k = 0; k < lines.size() && k < 14; ++k) {
    std::string_view s = utf8::Trim(lines[k]);
    if (s.empty()) {
      in_subject = false;
      if (seen_number && seen_date) break;
      continue;
    }
    bool tabbed = lines[k].find('\t') != std::string::npos;
    bool number = IsNumberLine(s), date = IsPlaceDate(s) || (tabbed && IsPlaceDate(SplitTab(s).second));
    // A V/v subject may run on over several lines under the number.
    bool subject = utf8::StartsWith(s, "V/v") || (in_subject && !tabbed);
    in_subject = subject;
    bool header_like = tabbed || IsMotto(s) || number || date || subject || (!seen_number && IsUpper(s));
    if (!header_like) break;
    seen_number = seen_number || number || (tabbed && IsNumberLine(SplitTab(s).first));
    seen_date = seen_date || date;
    header_end = k + 1;
  }
  std::vector<std::string> header;
  for (; i < header_end; ++i)
    if (!utf8::Trim(lines[i]).empty()) header.push_back(lines[i]);
  if (!header.empty()) b.Header(header);

  // Type and trích yếu: an upper-case line after the header and what follows
  // it up to a blank line.
  while (i < lines.size() && utf8::Trim(lines[i]).empty()) ++i;
  if (i < lines.size() && IsUpper(lines[i]) && lines[i].find('\t') == std::string::npos &&
      !IsRomanHeading(lines[i])) {
    std::vector<std::string> title;
    while (i < lines.size() && !utf8::Trim(lines[i]).empty()) title.push_back(lines[i++]);
    b.Title(title);
  }

  // Closing: the first Nơi nhận or signer-authority line among the last ones.
  size_t closing = lines.size();
  for (size_t k = (lines.size() > 20 ? lines.size() - 20 : i); k < lines.size(); ++k) {
    if (k < i) continue;
    auto [l, r] = SplitTab(lines[k]);
    if (IsNoiNhan(l) || IsAuthority(l) || (l.empty() && IsAuthority(r))) {
      closing = k;
      break;
    }
  }

  while (i < closing) {
    std::string_view s = lines[i];
    if (s == "\f" || utf8::Trim(s) == "\f") { b.NewPage(); ++i; continue; }
    if (utf8::Trim(s).empty()) { ++i; continue; }
    if (s.find('\t') != std::string_view::npos) {
      std::vector<std::vector<std::string>> rows;
      while (i < closing && lines[i].find('\t') != std::string::npos) {
        std::vector<std::string> cells;
        for (auto c : utf8::Split(lines[i], '\t')) cells.emplace_back(utf8::Trim(c));
        rows.push_back(std::move(cells));
        ++i;
      }
      b.Table(rows);
      continue;
    }
    b.Paragraph(std::string(utf8::Trim(s)));
    ++i;
  }
  if (closing < lines.size())
    b.Closing(std::vector<std::string>(lines.begin() + closing, lines.end()));
  return b.Take();
}

namespace {

void Draw(cairo_t* cr, const RenderedPage& page) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const Op& op : page.ops) {
    if (op.kind == Op::Kind::kRule) {
      cairo_set_line_width(cr, op.width);
      cairo_move_to(cr, op.x, op.y);
      cairo_line_to(cr, op.x2, op.y2);
      cairo_stroke(cr);
    } else {
      PangoLayout* l = static_cast<PangoLayout*>(op.layout.get());
      PangoLayoutLine* line = pango_layout_get_line_readonly(l, op.line);
      cairo_move_to(cr, op.x, op.y);
      pango_cairo_show_layout_line(cr, line);
    }
  }
}

}  // namespace

Status WritePdf(const Layout& layout, const std::string& path) {
  cairo_surface_t* s = cairo_pdf_surface_create(path.c_str(), layout.width_pt, layout.height_pt);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    return IoError("cannot create " + path);
  }
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "generated by tools/render (vanban-render)");
  // A fixed date: the same document gives the same bytes.
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2025-01-01T00:00:00Z");
  cairo_t* cr = cairo_create(s);
  for (const RenderedPage& p : layout.pages) {
    Draw(cr, p);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_status_t st = cairo_surface_status(s);
  cairo_surface_destroy(s);
  if (st != CAIRO_STATUS_SUCCESS) return IoError("cairo failed writing " + path);
  return Status::Ok();
}

void PixDeleter::operator()(PIX* p) const { pixDestroy(&p); }

namespace {

// Deterministic uniform [0, 1) from the engine's raw output (portable).
double Uniform(std::mt19937& g) { return (g() >> 5) * (1.0 / 134217728.0); }

PixPtr RenderBitmap(const RenderedPage& page, const Layout& layout, int dpi) {
  int w = static_cast<int>(std::lround(layout.width_pt * dpi / 72.0));
  int h = static_cast<int>(std::lround(layout.height_pt * dpi / 72.0));
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, dpi / 72.0, dpi / 72.0);
  Draw(cr, page);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  PIX* pix = pixCreate(w, h, 8);
  pixSetResolution(pix, dpi, dpi);
  const unsigned char* data = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  l_uint32* pd = pixGetData(pix);
  int wpl = pixGetWpl(pix);
  for (int y = 0; y < h; ++y) {
    const uint32_t* row = reinterpret_cast<const uint32_t*>(data + y * stride);
    l_uint32* line = pd + y * wpl;
    for (int x = 0; x < w; ++x) {
      uint32_t v = row[x];
      int r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
      SET_DATA_BYTE(line, x, (r * 299 + g * 587 + b * 114) / 1000);
    }
  }
  cairo_surface_destroy(s);
  return PixPtr(pix);
}

PixPtr Degrade(PixPtr pix, std::mt19937& g, double angle_deg, int dpi) {
  int w = pixGetWidth(pix.get()), h = pixGetHeight(pix.get());
  PixPtr rot(pixRotate(pix.get(), static_cast<float>(angle_deg * M_PI / 180.0),
                       L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  PixPtr blur(pixBlockconv(rot.get(), 1, 1));
  PIX* p = blur.get();
  l_uint32* pd = pixGetData(p);
  int wpl = pixGetWpl(p);
  // Paper tone, ink tone, an illumination gradient in a random direction and
  // a darker corner, grain.
  double paper = 226 + 14 * Uniform(g), ink = 25 + 30 * Uniform(g);
  double dir = 2 * M_PI * Uniform(g), depth = 0.12 + 0.12 * Uniform(g);
  double cx = Uniform(g) < 0.5 ? 0 : w, cy = Uniform(g) < 0.5 ? 0 : h;
  double corner = 0.10 + 0.10 * Uniform(g);
  double diag = std::hypot(w, h), sigma = 6 + 5 * Uniform(g);
  double dx = std::cos(dir), dy = std::sin(dir);
  for (int y = 0; y < h; ++y) {
    l_uint32* line = pd + y * wpl;
    for (int x = 0; x < w; ++x) {
      double v = GET_DATA_BYTE(line, x) / 255.0;  // 1 paper, 0 ink
      double tone = ink + (paper - ink) * v;
      double t = ((x - w / 2.0) * dx + (y - h / 2.0) * dy) / diag + 0.5;  // 0..1
      double light = 1.0 - depth * t;
      double dc = std::hypot(x - cx, y - cy) / diag;
      light *= 1.0 - corner * std::max(0.0, 1.0 - 2.5 * dc);
      double n = (Uniform(g) + Uniform(g) + Uniform(g) - 1.5) * 2.0 * sigma;
      int out = static_cast<int>(std::lround(tone * light + n));
      SET_DATA_BYTE(line, x, std::clamp(out, 0, 255));
    }
  }
  // Speckles: dark dots of 1–3 px radius (at 300 dpi).
  int count = 250 + static_cast<int>(250 * Uniform(g));
  double scale = dpi / 300.0;
  for (int k = 0; k < count; ++k) {
    int x0 = static_cast<int>(Uniform(g) * w), y0 = static_cast<int>(Uniform(g) * h);
    double r = (1 + 2 * Uniform(g)) * scale;
    int v = static_cast<int>(40 + 80 * Uniform(g));
    for (int y = std::max(0, int(y0 - r)); y <= std::min(h - 1, int(y0 + r)); ++y)
      for (int x = std::max(0, int(x0 - r)); x <= std::min(w - 1, int(x0 + r)); ++x)
        if (std::hypot(x - x0, y - y0) <= r) SET_DATA_BYTE(pd + y * wpl, x, v);
  }
  pixSetResolution(p, dpi, dpi);
  return blur;
}

}  // namespace

std::vector<PixPtr> RenderScan(const Layout& layout, const ScanOptions& options,
                               std::vector<double>* applied_skew) {
  std::vector<PixPtr> out;
  std::mt19937 g(options.seed);
  for (const RenderedPage& page : layout.pages) {
    PixPtr pix = RenderBitmap(page, layout, options.dpi);
    double angle = options.skew_degrees ? *options.skew_degrees : (Uniform(g) * 3.0 - 1.5);
    if (options.degrade) {
      pix = Degrade(std::move(pix), g, angle, options.dpi);
    } else {
      angle = 0;
    }
    if (applied_skew) applied_skew->push_back(angle);
    out.push_back(std::move(pix));
  }
  return out;
}

Status WriteScanPdf(const std::vector<PixPtr>& pages, int dpi, const std::string& path) {
  PIXA* pixa = pixaCreate(0);
  for (const PixPtr& p : pages) pixaAddPix(pixa, p.get(), L_COPY);
  l_ok bad = pixaConvertToPdf(pixa, dpi, 1.0, L_JPEG_ENCODE, 60, "generated by tools/render (vanban-render)", path.c_str());
  pixaDestroy(&pixa);
  return bad ? IoError("cannot write " + path) : Status::Ok();
}

Status WriteTiff(const std::vector<PixPtr>& pages, const std::string& path) {
  for (size_t i = 0; i < pages.size(); ++i) {
    if (pixWriteTiff(path.c_str(), pages[i].get(), IFF_TIFF_ZIP, i == 0 ? "w" : "a"))
      return IoError("cannot write " + path);
  }
  return Status::Ok();
}

Status WritePngs(const std::vector<PixPtr>& pages, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  for (size_t i = 0; i < pages.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "page-%03zu.png", i + 1);
    std::string path = (std::filesystem::path(dir) / name).string();
    if (pixWritePng(path.c_str(), pages[i].get(), 0)) return IoError("cannot write " + path);
  }
  return Status::Ok();
}

}  // namespace vanban::render
