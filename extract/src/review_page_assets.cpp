#include "review_page_assets.h"

#include "reissue/html.h"

namespace reissue::extract {

// Two columns on a laptop screen (1366x768) under the summary, each
// scrolling on its own (the window itself does not scroll, so the page
// pictures stay beside the text); one column on a narrow window and in print,
// where the outlines are left out.
std::string review_page_css() {
  return std::string("body{margin:0;font-family:") + kCjkFontStack + R"CSS(;font-size:16px;line-height:1.7;color:#222;background:#f3f1ec;height:100vh;display:flex;flex-direction:column;overflow:hidden}
*{box-sizing:border-box}
a{color:#1d4ed8}
.summary{flex:none;padding:8px 20px 4px;background:#fff;border-bottom:1px solid #ddd}
.summary h1{font-size:19px;margin:0}
.meta{margin:0;color:#555;font-size:13px}
.corrected-note{margin:4px 0;color:#7c2d12;font-size:14px}
.warnings{margin:4px 0;padding-left:20px;font-size:13px;color:#8a4b00}
.counts{font-size:13px;line-height:1.5}
.counts .total{font-weight:bold;margin-right:8px}
.counts ul{display:inline;list-style:none;margin:0;padding:0}
.counts li{display:inline-block;margin:2px 4px 2px 0}
.counts li a{padding:0 7px;border-radius:9px;background:#fff3cd;text-decoration:none;color:#5c4400}
.counts li[data-group=set-aside] a{background:#eee;color:#444}
.decision-list{margin:2px 0}
.decision-list summary{cursor:pointer;color:#555}
.decision-list ol{max-height:25vh;overflow:auto;margin:2px 0;padding-left:28px}
main{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,45fr) minmax(0,55fr)}
.pages{overflow-y:auto;padding:10px 12px;background:#d8d4cc}
.recovered{overflow-y:auto}
.page{margin:0 0 14px}
.page figcaption{text-align:center;font-size:12px;color:#555}
.sheet{position:relative;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.35)}
.page-image{display:block;width:100%;height:100%}
.missing{padding:40% 10%;text-align:center;color:#999}
.region{position:absolute;display:block;border:1px solid transparent;border-radius:2px}
.region:hover,.region.lit{border-color:#2563eb;background:rgba(37,99,235,.10)}
.region.selected{border:2px solid #2563eb;background:rgba(37,99,235,.18)}
.decision-region.lit,.decision-region.selected{border-color:#c2410c;background:rgba(194,65,12,.12)}
.set-aside-region[data-kind=furniture]{border:1px dashed rgba(160,40,40,.45)}
.set-aside-region.lit,.set-aside-region.selected{border-color:#b91c1c;background:rgba(185,28,28,.10)}
.recovered{padding:8px 28px 50vh 24px}
.recovered>*{max-width:50em}
.section-title{font-size:13px;font-weight:normal;color:#777;border-bottom:1px solid #ccc;margin:18px 0 4px}
.page-mark{text-align:right;font-size:11px;margin:6px 0 0}
.page-mark a{color:#999}
.block{position:relative;margin:1px 0;padding:1px 6px 1px 8px;border-left:3px solid transparent;border-radius:2px;cursor:pointer}
.block.lit{background:#e8efff;border-left-color:#93b4f5}
.block.selected{background:#dbe6ff;border-left-color:#2563eb}
.block:focus,.decision:focus{outline:none}
.tag{font:11px/1 ui-monospace,monospace;color:#999;margin-right:6px;vertical-align:2px}
.el-title,.el-headline,.el-series{font-weight:bold;font-size:17px}
.el-heading{font-weight:bold}
.el-figure .text,.el-byline .text,.el-source .text,.el-dateline .text{color:#555;font-size:15px}
.el-link .text{word-break:break-all;font-size:14px}
.by-hand{color:#fff;background:#b45309;border-radius:3px;padding:0 3px;margin-right:4px;font-size:12px}
.decisions{margin:0 0 6px 22px}
.decision{display:block;margin:2px 0;padding:2px 8px;font-size:13px;line-height:1.55;background:#fff6dc;border-left:3px solid #e0a800;cursor:pointer}
.decision.set-aside{background:#f1f0ee;border-left-color:#b5b0a8;color:#555}
.decision.set-aside:not([data-kind=furniture]){display:inline-block;margin:2px 4px 2px 0;padding:0 6px}
.decision.lit,.decision.selected{outline:2px solid #c2410c}
.decision .kind{font:11px/1 ui-monospace,monospace;background:rgba(0,0,0,.07);padding:1px 4px;border-radius:3px;margin-right:6px}
.decision .where{font-size:11px;color:#888;margin-right:4px}
.excerpt{color:#444}
del{color:#a61b1b}
ins{color:#166534;text-decoration:none;font-weight:bold}
@media (max-width:900px){body{height:auto;display:block;overflow:visible}main{display:block}.pages,.recovered{overflow:visible}}
@media print{
body{background:#fff;font-size:11pt;height:auto;display:block;overflow:visible}
main{display:flex;flex-direction:column}
.recovered{order:1;max-width:none;padding:0}
.pages{order:2;overflow:visible;background:none;padding:0}
.recovered{overflow:visible}
.page{break-inside:avoid;width:75%;margin:0 auto 12pt}
.sheet{box-shadow:none;border:1px solid #999}
.region,.decision-list,.page-mark{display:none}
.block,.decision{cursor:auto}
a{color:inherit;text-decoration:none}
}
)CSS";
}

// Hover or focus a block (or decision) and its regions light up, and the
// other way round; a click selects it, scrolls the page pictures to it and
// puts its id in the address (#block-N: a deep link the page opens on).
const char* review_page_script() {
  return R"JS((function () {
  'use strict';
  var pages = document.getElementById('pages');
  var selected = null;
  function regions(id) { return document.querySelectorAll('.region[data-target="' + id + '"]'); }
  function mark(id, name, on) {
    var el = document.getElementById(id);
    if (el) el.classList.toggle(name, on);
    regions(id).forEach(function (r) { r.classList.toggle(name, on); });
  }
  function idOf(node) {
    var r = node.closest && node.closest('.region');
    if (r) return r.getAttribute('data-target');
    var el = node.closest && node.closest('.block,.decision');
    return el ? el.id : null;
  }
  function showRegion(id) {
    var r = regions(id)[0];
    if (!r) return;
    if (getComputedStyle(pages).overflowY === 'auto') {
      var p = pages.getBoundingClientRect(), b = r.getBoundingClientRect();
      pages.scrollTop += b.top - p.top - Math.max(20, (p.height - b.height) / 3);
    } else {
      r.scrollIntoView({block: 'center'});
    }
  }
  function select(id, scrollText) {
    if (selected) mark(selected, 'selected', false);
    selected = id;
    mark(id, 'selected', true);
    var el = document.getElementById(id);
    if (scrollText && el) el.scrollIntoView({block: 'center'});
    showRegion(id);
  }
  ['mouseover', 'focusin'].forEach(function (type) {
    document.addEventListener(type, function (e) { var id = idOf(e.target); if (id) mark(id, 'lit', true); });
  });
  ['mouseout', 'focusout'].forEach(function (type) {
    document.addEventListener(type, function (e) { var id = idOf(e.target); if (id) mark(id, 'lit', false); });
  });
  document.addEventListener('click', function (e) {
    if (e.target.closest('a') && !e.target.closest('.region')) return;
    var id = idOf(e.target);
    if (!id) return;
    e.preventDefault();
    select(id, !!e.target.closest('.region'));
    history.replaceState(null, '', '#' + id);
  });
  function fromAddress() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (/^(block|decision)-\d+$/.test(id) && document.getElementById(id)) select(id, true);
  }
  window.addEventListener('hashchange', fromAddress);
  // After the browser's own jump to the fragment, which would put the
  // block at the very top, without its context.
  window.addEventListener('load', function () { setTimeout(fromAddress, 0); });
  document.documentElement.setAttribute('data-ready', 'true');
})();
)JS";
}

}  // namespace reissue::extract
