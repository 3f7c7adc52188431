// Figure images resolved once: read from the folder beside an issue XML (for
// typesetting, and checked for `reissue validate`) or taken from memory.
#include "reissue/figure_set.h"

#include "images.h"
#include "reissue/atomic_file.h"
#include "reissue/error.h"
#include "reissue/figures.h"

#include <functional>
#include <optional>

namespace reissue {

namespace fs = std::filesystem;

namespace {

// Messages name the image; the figure's line says which figure uses it.
std::string figure_at(int figure_line) {
  return figure_line > 0 ? " (figure at line " + std::to_string(figure_line) + " of the issue)" : "";
}

// The header of `bytes`, or an Error naming `name` when it is neither JPEG
// nor PNG or declares no size.
layout::ImageHeader checked_header(const std::string& bytes, const std::string& name, int figure_line) {
  const layout::ImageHeader header = layout::read_image_header(bytes);
  if (header.kind == layout::ImageHeader::neither)
    throw Error(name, 0, "figure image is neither JPEG nor PNG" + figure_at(figure_line));
  if (header.damaged)
    throw Error(name, 0,
                std::string("figure image is a damaged ") + (header.kind == layout::ImageHeader::jpeg ? "JPEG" : "PNG") +
                    " file" + figure_at(figure_line));
  return header;
}

// One figure's image file, as both folder readers see it.
struct FigureFile {
  fs::path path;
  std::string bytes;
  std::optional<std::string> unreadable;  // why it cannot be read
  bool missing = false;                   // it does not exist (its folder could be searched)
};

FigureFile read_figure_file(const fs::path& folder, const std::string& src) {
  FigureFile file{folder / src, {}, std::nullopt, false};
  try {
    file.bytes = read_file_limited(file.path, layout::kMaxImageBytes);
  } catch (const Error& error) {
    if (dynamic_cast<const OutOfMemory*>(&error)) throw;
    file.unreadable = error.message();
    // A folder that cannot be searched is unreadable, not missing.
    std::error_code search;
    file.missing = !fs::exists(file.path, search) && !search;
  }
  return file;
}

// Each figure block of `issue` that names an image, in order.
void for_each_figure(const Issue& issue, const std::function<void(const Block&)>& visit) {
  for (const Article& article : issue.articles)
    for (const Block& block : article.blocks)
      if (block.kind == BlockKind::figure && !block.image.empty()) visit(block);
}

}  // namespace

const Figure& Figures::add(std::string src, std::string bytes, int figure_line) {
  if (const Figure* known = find(src)) return *known;
  const layout::ImageHeader header = checked_header(bytes, src, figure_line);
  Figure figure;
  figure.src = src;
  figure.bytes = std::move(bytes);
  figure.kind = header.kind == layout::ImageHeader::jpeg ? FigureKind::jpeg : FigureKind::png;
  figure.width = header.width;
  figure.height = header.height;
  figure.components = header.components;
  return figures_.emplace(std::move(src), std::move(figure)).first->second;
}

const Figure* Figures::find(const std::string& src) const {
  const auto found = figures_.find(src);
  return found == figures_.end() ? nullptr : &found->second;
}

const Figure& Figures::get(const std::string& src, int figure_line) const {
  if (const Figure* figure = find(src)) return *figure;
  throw Error(src, 0, "figure image was not given to the writer" + figure_at(figure_line));
}

Figures read_figures(const Issue& issue, const fs::path& folder) {
  Figures figures;
  for_each_figure(issue, [&](const Block& block) {
    if (figures.find(block.image)) return;
    FigureFile file = read_figure_file(folder, block.image);
    if (file.unreadable)
      throw ReadError(file.path.string(), 0, "figure image cannot be read: " + *file.unreadable + figure_at(block.line));
    checked_header(file.bytes, file.path.string(), block.line);  // the message names the file
    figures.add(block.image, std::move(file.bytes), block.line);
  });
  return figures;
}

Figures figures_from_memory(const Issue& issue, const std::map<std::string, std::string>& images) {
  Figures figures;
  for_each_figure(issue, [&](const Block& block) {
    const auto found = images.find(block.image);
    if (found == images.end())
      throw Error(block.image, 0, "figure image is not among the images given" + figure_at(block.line));
    figures.add(block.image, found->second, block.line);
  });
  return figures;
}

std::vector<Problem> check_figure_images(const Issue& issue, const fs::path& base_directory) {
  std::vector<Problem> problems;
  for_each_figure(issue, [&](const Block& block) {
    const std::string named = "figure image " + block.image;
    const FigureFile file = read_figure_file(base_directory, block.image);
    if (file.missing) {
      std::error_code ignored;
      const fs::path where = fs::absolute(file.path, ignored).lexically_normal();
      problems.push_back({block.line, named + " does not exist (looked in " + where.string() + ")"});
      return;
    }
    if (file.unreadable) {
      problems.push_back({block.line, named + " cannot be read: " + *file.unreadable});
      return;
    }
    const layout::ImageHeader header = layout::read_image_header(file.bytes);
    if (header.kind == layout::ImageHeader::neither) {
      problems.push_back({block.line, named + " is not a JPEG or PNG image"});
    } else if (header.damaged) {
      const bool jpeg = header.kind == layout::ImageHeader::jpeg;
      problems.push_back({block.line, named + " is damaged: " + (jpeg ? "no JPEG frame header with a size"
                                                                      : "the PNG header has no size")});
    } else if (header.kind == layout::ImageHeader::png) {
      // PNG pixels go into the PDF: decode them as the typesetter will.
      if (const auto damage = layout::png_damage(file.bytes)) problems.push_back({block.line, named + " is damaged: " + *damage});
    }
  });
  return problems;
}

}  // namespace reissue
