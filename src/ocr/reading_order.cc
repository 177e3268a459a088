#include "ocr/reading_order.h"

#include <algorithm>

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

Box BoxOfLines(const std::vector<Line>& lines) {
  Box b;
  for (const Line& l : lines) b = Union(b, l.box);
  return b;
}

// Index of the word after the widest gap when it is wide enough to separate
// two columns, else 0.
size_t ColumnCut(const Line& line) {
  if (line.words.size() < 2) return 0;
  int height = std::max(1, line.box.h);
  size_t best = 0;
  int widest = 0;
  for (size_t i = 1; i < line.words.size(); ++i) {
    const Box& a = line.words[i - 1].box;
    const Box& b = line.words[i].box;
    int gap = b.x - (a.x + a.w);
    if (gap > widest) { widest = gap; best = i; }
  }
  return widest > 3 * height ? best : 0;
}

}  // namespace

std::vector<Block> SplitColumns(std::vector<Block> blocks) {
  std::vector<Block> out;
  for (Block& block : blocks) {
    if (block.kind != Block::Kind::kParagraph) { out.push_back(std::move(block)); continue; }
    std::vector<size_t> cuts(block.lines.size(), 0);
    long cut_x = 0;
    int n_cut = 0;
    for (size_t i = 0; i < block.lines.size(); ++i) {
      cuts[i] = ColumnCut(block.lines[i]);
      if (cuts[i]) {
        const Line& l = block.lines[i];
        const Box& a = l.words[cuts[i] - 1].box;
        cut_x += (a.x + a.w + l.words[cuts[i]].box.x) / 2;
        ++n_cut;
      }
    }
    if (!n_cut) { out.push_back(std::move(block)); continue; }
    cut_x /= n_cut;
    Block left, right;
    for (size_t i = 0; i < block.lines.size(); ++i) {
      Line& l = block.lines[i];
      if (cuts[i]) {
        std::vector<Word> a(l.words.begin(), l.words.begin() + static_cast<long>(cuts[i]));
        std::vector<Word> b(l.words.begin() + static_cast<long>(cuts[i]), l.words.end());
        left.lines.push_back(MakeLine(std::move(a)));
        right.lines.push_back(MakeLine(std::move(b)));
      } else if (l.box.x + l.box.w / 2 < cut_x) {
        left.lines.push_back(std::move(l));
      } else {
        right.lines.push_back(std::move(l));
      }
    }
    for (Block* b : {&left, &right}) {
      if (b->lines.empty()) continue;
      b->box = BoxOfLines(b->lines);
      out.push_back(std::move(*b));
    }
  }
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
