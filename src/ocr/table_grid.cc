#include "ocr/table_grid.h"

#include <algorithm>
#include <cstdlib>

namespace vanban::ocr {

namespace {

struct Seg { int x, y, w, h; };

std::vector<Seg> Segments(PIX* pix) {
  std::vector<Seg> out;
  BoxaPtr boxa(pixConnCompBB(pix, 8));
  if (!boxa) return out;
  int n = boxaGetCount(boxa.get());
  for (int i = 0; i < n; ++i) {
    Seg s{};
    boxaGetBoxGeometry(boxa.get(), i, &s.x, &s.y, &s.w, &s.h);
    out.push_back(s);
  }
  return out;
}

// Clusters positions closer than tol; each cluster gives its mean.
std::vector<int> Cluster(std::vector<int> v, int tol) {
  std::sort(v.begin(), v.end());
  std::vector<int> out;
  size_t i = 0;
  while (i < v.size()) {
    size_t j = i;
    long sum = 0;
    while (j < v.size() && v[j] - v[i] <= tol) sum += v[j++];
    out.push_back(static_cast<int>(sum / static_cast<long>(j - i)));
    i = j;
  }
  return out;
}

}  // namespace

Grids FindGrids(PIX* binary, int dpi) {
  Grids out;
  if (!binary || pixGetDepth(binary) != 1) return out;
  if (dpi <= 0) dpi = 300;
  const int hlen = std::max(40, dpi / 4), vlen = std::max(30, dpi / 5);
  const int tol = std::max(6, dpi / 25), inset = std::max(3, dpi / 40);
  PixPtr h(pixOpenBrick(nullptr, binary, hlen, 1));
  PixPtr v(pixOpenBrick(nullptr, binary, 1, vlen));
  if (!h || !v) return out;
  // Bridge the small breaks a noisy scan leaves in a rule.
  pixCloseBrick(h.get(), h.get(), 9, 1);
  pixCloseBrick(v.get(), v.get(), 1, 9);
  PixPtr rules(pixOr(nullptr, h.get(), v.get()));
  PixPtr joined(pixDilateBrick(nullptr, rules.get(), 7, 7));
  std::vector<Seg> comps = Segments(joined.get());
  std::vector<Seg> hs = Segments(h.get()), vs = Segments(v.get());

  for (const Seg& t : comps) {
    if (t.w < dpi || t.h < dpi / 4) continue;
    auto inside = [&](const Seg& s) {
      int cx = s.x + s.w / 2, cy = s.y + s.h / 2;
      return cx >= t.x && cx < t.x + t.w && cy >= t.y && cy < t.y + t.h;
    };
    std::vector<Seg> th, tv;
    std::vector<int> ycs, xcs;
    for (const Seg& s : hs) if (inside(s)) { th.push_back(s); ycs.push_back(s.y + s.h / 2); }
    for (const Seg& s : vs) if (inside(s)) { tv.push_back(s); xcs.push_back(s.x + s.w / 2); }
    if (th.size() < 2 || tv.size() < 2) continue;
    std::vector<int> ys = Cluster(ycs, tol), xs = Cluster(xcs, tol);
    // An open table (no outer rule): the other rules reach past the last one.
    if (ys.front() - t.y > 2 * tol) ys.insert(ys.begin(), t.y);
    if (t.y + t.h - ys.back() > 2 * tol) ys.push_back(t.y + t.h);
    if (xs.front() - t.x > 2 * tol) xs.insert(xs.begin(), t.x);
    if (t.x + t.w - xs.back() > 2 * tol) xs.push_back(t.x + t.w);
    const int R = static_cast<int>(ys.size()) - 1, C = static_cast<int>(xs.size()) - 1;
    if (R < 1 || C < 1 || R > 300 || C > 60) continue;
    if (R == 1 && C == 1) continue;  // a box, not a table

    // Is the line at xs[k] drawn through row r? Is ys[k] drawn through column c?
    auto vcover = [&](int k, int r) {
      if (k == 0 || k == C) return true;
      int mid = (ys[r] + ys[r + 1]) / 2;
      for (const Seg& s : tv)
        if (std::abs(s.x + s.w / 2 - xs[k]) <= tol && s.y <= mid && s.y + s.h >= mid) return true;
      return false;
    };
    auto hcover = [&](int k, int c) {
      if (k == 0 || k == R) return true;
      int mid = (xs[c] + xs[c + 1]) / 2;
      for (const Seg& s : th)
        if (std::abs(s.y + s.h / 2 - ys[k]) <= tol && s.x <= mid && s.x + s.w >= mid) return true;
      return false;
    };

    Grid g;
    g.box = {t.x, t.y, t.w, t.h};
    g.xs = xs;
    g.ys = ys;
    std::vector<char> used(static_cast<size_t>(R * C), 0);
    for (int r = 0; r < R; ++r) {
      for (int c = 0; c < C; ++c) {
        if (used[r * C + c]) continue;
        int cs = 1;
        while (c + cs < C && !used[r * C + c + cs] && !vcover(c + cs, r)) ++cs;
        int rs = 1;
        for (;;) {
          if (r + rs >= R) break;
          bool open = true;
          for (int cc = c; cc < c + cs && open; ++cc)
            if (hcover(r + rs, cc) || used[(r + rs) * C + cc]) open = false;
          if (!open) break;
          ++rs;
        }
        for (int rr = r; rr < r + rs; ++rr)
          for (int cc = c; cc < c + cs; ++cc) used[rr * C + cc] = 1;
        GridCell cell;
        cell.row = r; cell.col = c; cell.row_span = rs; cell.col_span = cs;
        cell.box = {xs[c] + inset, ys[r] + inset, xs[c + cs] - xs[c] - 2 * inset,
                    ys[r + rs] - ys[r] - 2 * inset};
        g.cells.push_back(cell);
      }
    }
    out.grids.push_back(std::move(g));
  }
  if (!out.grids.empty()) {
    PixPtr wide(pixDilateBrick(nullptr, rules.get(), 5, 5));
    out.without_rules.reset(pixSubtract(nullptr, binary, wide.get()));
  }
  return out;
}

}  // namespace vanban::ocr
