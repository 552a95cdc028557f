// tools/trace_viewer_shot.js - the page side of photographing Go 1.19's
// `go tool trace` timeline (/trace) with tools/cdp_screenshot.py: loaded
// into the page before its own scripts (--script), then called as
// --ready "gosanTraceReady()" and --setup "gosanTraceFrame('burst')".
//
// The viewer is Catapult's (Polymer 1 on the WebComponents V0 polyfill,
// so its elements are in the ordinary DOM). It fetches /jsontrace, imports
// it, and sets its first viewport (the whole trace) from a 250 ms timer once
// its track view is attached; a frame set before that would be overwritten,
// so "ready" waits until that timer is gone. The frame hides the panels a
// picture does not need (the polyfill's warning, the empty selection panel,
// the side tabs, the hint line) so the rows get the height, and zooms the time axis onto
// the program's goroutines (slices named "G<id> <function>"), not the
// trace's start-up.

function gosanTraceReady() {
  var viewer = document.getElementById('trace-viewer');
  var tracks = viewer && viewer.trackView;
  return !!(tracks && tracks.model && !tracks.model.bounds.isEmpty &&
            tracks.pollIfViewportAttachedInterval_ === undefined);
}

// The goroutine slices, sorted by start (ms); main's (G1) too if asked.
function gosanGoroutineSlices(model, withMain) {
  var out = [];
  model.getAllThreads().forEach(function (thread) {
    thread.sliceGroup.slices.forEach(function (s) {
      if (/^G\d+ /.test(s.title) && (withMain || !/^G1 /.test(s.title)))
        out.push(s);
    });
  });
  return out.sort(function (a, b) { return a.start - b.start; });
}

// The shortest stretch where the goroutines hand work to one another in
// turn: `span` consecutive slices of at least `kinds` different goroutines.
// Falls back to every slice.
function gosanBurst(slices, span, kinds) {
  var best = slices, bestLength = Infinity;
  for (var i = 0; i + span <= slices.length; i++) {
    var run = slices.slice(i, i + span);
    var names = {}, end = run[0].end;
    run.forEach(function (s) { names[s.title] = true; end = Math.max(end, s.end); });
    if (Object.keys(names).length >= kinds && end - run[0].start < bestLength) {
      best = run;
      bestLength = end - run[0].start;
    }
  }
  return best;
}

// mode 'workers': from the first to the last slice of a goroutine other
// than main; 'burst': one round of hand-offs between main and 4 others.
function gosanTraceFrame(mode) {
  var viewer = document.getElementById('trace-viewer');
  ['polyfill-warning', 'import-warnings', 'analysis', 'drag_handle',
   'side_panel_container'].forEach(function (id) {
    var e = viewer.querySelector('#' + id);
    if (e)
      e.style.display = 'none';
  });
  var palette = viewer.querySelector('tr-ui-b-mouse-mode-selector');
  if (palette)
    palette.style.display = 'none';

  var slices = mode === 'burst' ? gosanBurst(gosanGoroutineSlices(viewer.model, true), 7, 5)
                                 : gosanGoroutineSlices(viewer.model, false);
  if (!slices.length)
    throw new Error('the trace has no goroutine other than main');
  var first = slices[0].start, last = first;
  slices.forEach(function (s) { last = Math.max(last, s.end); });
  var pad = (last - first) * 0.08;

  var tracks = viewer.trackView;
  tracks.modelTrackContainer_.updateCanvasSizeIfNeeded_();
  var frame = new tr.ui.TimelineDisplayTransform();
  frame.set(tracks.viewport.currentDisplayTransform);
  frame.xSetWorldBounds(first - pad, last + pad, tracks.modelTrackContainer_.canvas.width);
  tracks.viewport.setDisplayTransformImmediately(frame);
  // The import's selection change shows a hint ("Press 'm' ...") for a while.
  window.clearTimeout(tracks.pendingHintTextClearTimeout_);
  tracks.hideHintText_();
}
