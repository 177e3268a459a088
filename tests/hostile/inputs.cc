#include "hostile/inputs.h"

#include <zlib.h>

#include <cstdio>
#include <stdexcept>

namespace vanban::testing {

namespace {

std::string PdfString(const std::string& text) {
  std::string out = "(";
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

void PutChunk(std::string* png, const char* type, const std::string& data) {
  PutU32(png, static_cast<uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  png->append(body);
  PutU32(png, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size())));
}

}  // namespace

std::string MakePdf(const std::vector<std::vector<std::string>>& pages) {
  std::string pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  std::vector<size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  const size_t n = pages.size();
  // 1 catalog, 2 pages, 3 font, then page i at 4+2i and its content at 5+2i.
  object("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (size_t i = 0; i < n; ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  object("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
  object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  for (size_t i = 0; i < n; ++i) {
    object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
           "/Contents " + std::to_string(5 + 2 * i) + " 0 R >>");
    std::string content = "BT /F1 11 Tf 14 TL 60 790 Td\n";
    for (const std::string& line : pages[i]) content += PdfString(line) + " Tj T*\n";
    content += "ET";
    object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  char entry[32];
  for (size_t off : offsets) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::vector<std::string> PlanLines(int number) {
  return {
      "UY BAN NHAN DAN",
      "TINH NGHE AN",
      "So: " + std::to_string(number) + "/KH-UBND",
      "Nghe An, ngay 03 thang 3 nam 2025",
      "KE HOACH",
      "Thuc hien cai cach hanh chinh nam 2025",
      "Giao So Noi vu chu tri thuc hien cac nhiem vu cua ke hoach nay trong nam.",
      "Cac so, ban, nganh phoi hop voi So Noi vu bao cao ket qua truoc ngay 15 thang 12 nam 2025.",
  };
}

std::string MakePng(int width, int height, bool box) {
  const size_t row_bytes = (static_cast<size_t>(width) + 7) / 8;
  std::string header;
  PutU32(&header, static_cast<uint32_t>(width));
  PutU32(&header, static_cast<uint32_t>(height));
  header += std::string("\x01\x00\x00\x00\x00", 5);  // depth 1, grayscale, deflate, no filter, no interlace

  z_stream z{};
  if (deflateInit(&z, 9) != Z_OK) throw std::runtime_error("deflateInit");
  std::string idat, row(1 + row_bytes, '\0'), out(1 << 16, '\0');
  for (int y = 0; y < height; ++y) {
    row.assign(1 + row_bytes, '\xff');  // white
    row[0] = 0;                         // filter: none
    if (box && y > height / 3 && y < 2 * height / 3) {
      for (size_t x = row_bytes / 3; x < 2 * row_bytes / 3; ++x) row[1 + x] = 0;
    }
    z.next_in = reinterpret_cast<Bytef*>(row.data());
    z.avail_in = static_cast<uInt>(row.size());
    int flush = y + 1 == height ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      deflate(&z, flush);
      idat.append(out.data(), out.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  std::string png = "\x89PNG\r\n\x1a\n";
  PutChunk(&png, "IHDR", header);
  PutChunk(&png, "IDAT", idat);
  PutChunk(&png, "IEND", "");
  return png;
}

std::string CorruptXref(const std::string& pdf) {
  std::string out = pdf;
  size_t xref = out.rfind("\nxref\n");
  if (xref == std::string::npos) return out;
  // Every "nnnnnnnnnn 00000 n" entry gets an offset past the end of the file.
  for (size_t p = out.find(" 00000 n", xref); p != std::string::npos; p = out.find(" 00000 n", p + 1)) {
    out.replace(p - 10, 10, "9999999999");
  }
  size_t start = out.rfind("startxref\n");
  if (start != std::string::npos) {
    size_t end = out.find('\n', start + 10);
    out.replace(start + 10, end - start - 10, "12");
  }
  return out;
}

}  // namespace vanban::testing
