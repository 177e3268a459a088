// The document model that flows through every stage:
//
//   Document → Page → Block (paragraph | table) → Line → Word
//
// input fills it from a text layer or a text file, ocr from a scan; normalize
// and restore rewrite Line::text in place and keep what came in as
// Line::original (a reviewer must see both); extract only reads it.
//
// Plain values: no pointers between parts, safe to copy and to move between
// threads. A Document is owned by the pipeline run that made it.
#ifndef VANBAN_CORE_DOCUMENT_H_
#define VANBAN_CORE_DOCUMENT_H_

#include <string>
#include <vector>

namespace vanban {

// Pixel box on the page image (ocr) or points on the PDF page (text layer).
struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool empty() const { return w <= 0 || h <= 0; }
};

struct Word {
  std::string text;        // UTF-8, after normalize/restore
  std::string original;    // as read; empty when unchanged
  Box box;
  float confidence = -1;   // 0..100 from OCR; -1 when not known (text input)
};

struct Line {
  std::string text;        // UTF-8, after normalize/restore
  std::string original;    // as read, before normalize/restore; empty when unchanged
  std::vector<Word> words; // may be empty for text input
  Box box;
  float confidence = -1;   // mean word confidence; -1 when not known
};

struct Cell {
  int row = 0, col = 0;            // grid position of the top-left corner
  int row_span = 1, col_span = 1;
  std::vector<Line> lines;
  // The cell's lines joined with '\n'.
  std::string Text() const;
};

// Rows of cells, top to bottom; within a row, left to right.
struct Table {
  std::vector<std::vector<Cell>> rows;
  Box box;
};

struct Block {
  enum class Kind { kParagraph, kTable };
  Kind kind = Kind::kParagraph;
  std::vector<Line> lines;  // kParagraph
  Table table;              // kTable
  Box box;
};

enum class TextSource { kText, kTextLayer, kOcr };
// "text", "text-layer", "ocr": the values of documents.text_source.
const char* TextSourceName(TextSource source);

// What the page-cleaning steps did to a scanned page (kept for the record).
struct ScanInfo {
  int dpi = 0;
  int width_px = 0, height_px = 0;
  float skew_degrees = 0;  // angle corrected by deskew
  float mean_confidence = -1;
};

struct Page {
  int number = 1;           // 1-based
  TextSource source = TextSource::kText;
  std::vector<Block> blocks;
  ScanInfo scan;            // source == kOcr only
  double width_pt = 0, height_pt = 0;  // PDF page size, when known
  bool needs_ocr = false;   // input found no usable text layer: the ocr stage reads it
  bool failed = false;      // the page could not be read; the rest of the document was
  std::string error;        // why, when failed

  // The page's lines in reading order; tables row by row, cells separated by '\t'.
  std::string PlainText() const;
};

struct Document {
  std::string source_path;
  std::string sha256;       // of the file's bytes, lower-case hex
  std::string format;       // "text", "pdf", "png", "jpeg", "tiff"
  std::string encoding;     // of a text file: "UTF-8", "UTF-16LE", "TCVN3", ...
  std::vector<Page> pages;

  // The overall source: kOcr if any page was OCR'd, else kTextLayer for PDFs, else kText.
  TextSource text_source() const;
  // All lines of all pages in reading order, tables flattened row by row with
  // cells separated by '\t'; pages separated by '\f'.
  std::string PlainText() const;
};

}  // namespace vanban

#endif  // VANBAN_CORE_DOCUMENT_H_
