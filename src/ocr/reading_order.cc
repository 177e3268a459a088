#include "ocr/reading_order.h"

#include <algorithm>
#include <cctype>

namespace vanban::ocr {

Box Union(const Box& a, const Box& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  int x0 = std::min(a.x, b.x), y0 = std::min(a.y, b.y);
  int x1 = std::max(a.x + a.w, b.x + b.w), y1 = std::max(a.y + a.h, b.y + b.h);
  return {x0, y0, x1 - x0, y1 - y0};
}

namespace {

Line MakeLine(std::vector<Word> words) {
  Line l;
  double conf = 0;
  int known = 0;
  for (const Word& w : words) {
    if (!l.text.empty()) l.text += ' ';
    l.text += w.text;
    l.box = Union(l.box, w.box);
    if (w.confidence >= 0) { conf += w.confidence; ++known; }
  }
  l.confidence = known ? static_cast<float>(conf / known) : -1;
  l.words = std::move(words);
  return l;
}


// Index of the word after the widest gap when it is wide enough to separate
// two columns, else 0.
size_t ColumnCut(const Line& line) {
  if (line.words.size() < 2) return 0;
  std::vector<int> hs;
  for (const Word& w : line.words) hs.push_back(w.box.h);
  std::nth_element(hs.begin(), hs.begin() + static_cast<long>(hs.size() / 2), hs.end());
  int height = std::max(1, hs[hs.size() / 2]);
  size_t best = 0;
  int widest = 0;
  for (size_t i = 1; i < line.words.size(); ++i) {
    const Box& a = line.words[i - 1].box;
    const Box& b = line.words[i].box;
    int gap = b.x - (a.x + a.w);
    if (gap > widest) { widest = gap; best = i; }
  }
  return widest > 2 * height ? best : 0;
}

}  // namespace

namespace {

bool HasAlnum(const std::string& s) {
  for (unsigned char c : s)
    if (std::isalnum(c) || c >= 0x80) return true;
  return false;
}

// Specks read as text: no letter or digit, or mostly one-character words,
// at low confidence.
bool IsSpeckLine(const Line& l) {
  if (l.confidence >= 60) return false;
  if (!HasAlnum(l.text)) return true;
  size_t single = 0;
  for (const Word& w : l.words) {
    size_t cps = 0;
    for (unsigned char c : w.text) cps += (c & 0xC0) != 0x80;
    if (cps <= 1) ++single;
  }
  return single * 10 >= l.words.size() * 6;
}

int Overlap(int a0, int a1, int b0, int b1) { return std::min(a1, b1) - std::max(a0, b0); }

}  // namespace

std::vector<Block> GroupLines(std::vector<Block> blocks) {
  std::vector<Block> out;
  std::vector<Line> lines;
  for (Block& block : blocks) {
    if (block.kind != Block::Kind::kParagraph) { out.push_back(std::move(block)); continue; }
    for (Line& l : block.lines) {
      if (IsSpeckLine(l)) continue;
      size_t cut = ColumnCut(l);
      if (!cut) { lines.push_back(std::move(l)); continue; }
      std::vector<Word> a(l.words.begin(), l.words.begin() + static_cast<long>(cut));
      std::vector<Word> b(l.words.begin() + static_cast<long>(cut), l.words.end());
      lines.push_back(MakeLine(std::move(a)));
      lines.push_back(MakeLine(std::move(b)));
    }
  }
  if (lines.empty()) return out;
  std::vector<int> heights;
  for (const Line& l : lines) heights.push_back(l.box.h);
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  const int line_h = std::max(1, heights[heights.size() / 2]);
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return a.box.y + a.box.h / 2 < b.box.y + b.box.h / 2;
  });
  // A line continues the block whose last line sits just above it and
  // overlaps it horizontally; otherwise it starts a block.
  std::vector<Block> groups;
  for (Line& l : lines) {
    Block* home = nullptr;
    int best_gap = 0;
    for (Block& g : groups) {
      const Box& last = g.lines.back().box;
      int gap = l.box.y - (last.y + last.h);
      if (gap > 0.9 * line_h || gap < -line_h / 2) continue;
      int ov = Overlap(last.x, last.x + last.w, l.box.x, l.box.x + l.box.w);
      if (ov <= 0.5 * std::min(last.w, l.box.w)) continue;
      // A line much wider than the block starts another one: the body under
      // a header column, a paragraph under its heading.
      Box u = Union(g.box, l.box);
      if (u.w > 1.25 * g.box.w && u.w - g.box.w > 2 * line_h) continue;
      if (!home || gap < best_gap) { home = &g; best_gap = gap; }
    }
    if (!home) { groups.emplace_back(); home = &groups.back(); }
    home->box = Union(home->box, l.box);
    home->lines.push_back(std::move(l));
  }
  for (Block& g : groups) out.push_back(std::move(g));
  return out;
}

namespace {

struct Band {
  std::vector<size_t> members;
  int y0 = 0, y1 = 0;
};

struct Column {
  int x0, x1;
  std::vector<size_t> members;
};

std::vector<Column> Columns(const std::vector<Block>& blocks, const std::vector<size_t>& members) {
  std::vector<size_t> idx = members;
  std::stable_sort(idx.begin(), idx.end(),
                   [&](size_t a, size_t b) { return blocks[a].box.x < blocks[b].box.x; });
  std::vector<Column> cols;
  for (size_t k : idx) {
    const Box& b = blocks[k].box;
    Column* home = nullptr;
    for (Column& c : cols) {
      int overlap = std::min(c.x1, b.x + b.w) - std::max(c.x0, b.x);
      if (overlap > 0.3 * std::min(b.w, c.x1 - c.x0)) { home = &c; break; }
    }
    if (!home) { cols.push_back({b.x, b.x + b.w, {}}); home = &cols.back(); }
    home->x0 = std::min(home->x0, b.x);
    home->x1 = std::max(home->x1, b.x + b.w);
    home->members.push_back(k);
  }
  std::stable_sort(cols.begin(), cols.end(), [](const Column& a, const Column& b) { return a.x0 < b.x0; });
  return cols;
}

int MedianLineHeight(const std::vector<Block>& blocks) {
  std::vector<int> h;
  for (const Block& b : blocks)
    for (const Line& l : b.lines) h.push_back(l.box.h);
  if (h.empty()) return 40;
  std::nth_element(h.begin(), h.begin() + static_cast<long>(h.size() / 2), h.end());
  return std::max(1, h[h.size() / 2]);
}

}  // namespace

std::vector<Block> OrderBlocks(std::vector<Block> blocks) {
  std::stable_sort(blocks.begin(), blocks.end(),
                   [](const Block& a, const Block& b) { return a.box.y < b.box.y; });
  if (blocks.empty()) return blocks;
  int page_x0 = blocks[0].box.x, page_x1 = blocks[0].box.x + blocks[0].box.w;
  for (const Block& b : blocks) {
    page_x0 = std::min(page_x0, b.box.x);
    page_x1 = std::max(page_x1, b.box.x + b.box.w);
  }
  const double page_mid = (page_x0 + page_x1) / 2.0, page_w = std::max(1, page_x1 - page_x0);
  const int line_h = MedianLineHeight(blocks);

  // Bands: blocks overlapping the band's vertical extent substantially.
  std::vector<Band> bands;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Box& b = blocks[i].box;
    if (!bands.empty()) {
      Band& band = bands.back();
      int overlap = std::min(band.y1, b.y + b.h) - std::max(band.y0, b.y);
      if (overlap > 0.3 * std::min(b.h, band.y1 - band.y0)) {
        band.members.push_back(i);
        band.y1 = std::max(band.y1, b.y + b.h);
        continue;
      }
    }
    bands.push_back({{i}, b.y, b.y + b.h});
  }
  // A band right under a multi-column band continues it when each of its
  // blocks sits inside one of those columns and is not centred on the page
  // (the header: agency over Số on the left, motto over the date on the right).
  std::vector<Band> merged;
  for (Band& band : bands) {
    if (!merged.empty()) {
      Band& prev = merged.back();
      std::vector<Column> cols = Columns(blocks, prev.members);
      bool fits = cols.size() >= 2 && band.y0 - prev.y1 < 3 * line_h;
      for (size_t k : band.members) {
        if (!fits) break;
        const Box& b = blocks[k].box;
        double centre = b.x + b.w / 2.0;
        bool centred = std::abs(centre - page_mid) < 0.08 * page_w;
        int touched = 0, held = 0;
        for (const Column& c : cols) {
          int overlap = std::min(c.x1, b.x + b.w) - std::max(c.x0, b.x);
          if (overlap > 0) ++touched;
          if (overlap > 0.5 * std::min(b.w, c.x1 - c.x0)) ++held;
        }
        fits = touched == 1 && held == 1 && !centred;
      }
      if (fits) {
        prev.members.insert(prev.members.end(), band.members.begin(), band.members.end());
        prev.y1 = std::max(prev.y1, band.y1);
        continue;
      }
    }
    merged.push_back(std::move(band));
  }

  std::vector<Block> out;
  for (const Band& band : merged) {
    for (Column& c : Columns(blocks, band.members)) {
      std::stable_sort(c.members.begin(), c.members.end(),
                       [&](size_t a, size_t b) { return blocks[a].box.y < blocks[b].box.y; });
      for (size_t k : c.members) out.push_back(std::move(blocks[k]));
    }
  }
  return out;
}

}  // namespace vanban::ocr
