// Motion frames for large graphs: while the camera moves, a sigma renderer draws a light frame of
// its own (every visible node as a point, and only the emphasised edges) on a second WebGL canvas,
// and sigma's full frame (every edge, labels, picking) is drawn again once the camera stops, then
// shown when a WebGL fence says the GPU has finished it.
//
// Why: with no GPU, Chromium runs WebGL in SwiftShader, where sigma 4's instanced programs cost
// about 40 µs per node or edge and per pass (picking + screen): seconds per frame for 10,000 nodes
// and 30,000 edges, far from 30 fps. One `gl.POINTS` draw of 10,000 nodes costs milliseconds there.
// The same level of detail is what sigma's own `hideEdgesOnMove` does; docs/design-choices.md
// ("Workbench: motion frames") records the measurements behind the choice.
import Sigma from 'sigma';
import type { SigmaOptions } from 'sigma/types';

/** When and how motion frames are drawn. */
export interface MotionOptions {
  /** Draw motion frames only when the graph has at least this many nodes + edges. */
  minItems?: number;
  /** The camera is at rest once it has not moved for this long (ms). */
  idleMs?: number;
  /** Edges drawn in a motion frame: those with zIndex >= 1 (emphasised), at most this many. */
  edgeBudget?: number;
  /** Motion frames are drawn at this fraction of the device resolution, then scaled up. */
  resolution?: number;
}

const DEFAULTS: Required<MotionOptions> = { minItems: 5000, idleMs: 300, edgeBudget: 1000, resolution: 0.5 };

/** What the motion layer is doing: `idle` (sigma's full frame shows) or `moving` (motion frames show). */
export type MotionPhase = 'idle' | 'moving';

const VERTEX = `#version 300 es
in vec2 a_pos;
in float a_size;
in vec4 a_color;
uniform mat3 u_toClip;
uniform float u_sizeScale;
out vec4 v_color;
void main() {
  gl_Position = vec4((u_toClip * vec3(a_pos, 1.0)).xy, 0.0, 1.0);
  gl_PointSize = max(2.0, a_size * u_sizeScale);
  v_color = a_color;
}`;
const POINT_FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_color;
out vec4 color;
void main() {
  vec2 d = gl_PointCoord - 0.5;
  float r = dot(d, d);
  if (r > 0.25) discard;
  color = v_color;
}`;
const LINE_FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_color;
out vec4 color;
void main() { color = v_color; }`;

/** A sigma renderer that draws light motion frames while its camera moves (see the file comment). */
export class MotionSigma extends Sigma {
  private motion?: MotionLayer;

  constructor(
    graph: ConstructorParameters<typeof Sigma>[0],
    container: HTMLElement,
    options: SigmaOptions = {},
    motion: MotionOptions = {},
  ) {
    super(graph, container, options);
    this.motion = new MotionLayer(this, { ...DEFAULTS, ...motion });
  }

  /** `moving` while motion frames are shown, `idle` once sigma's full frame is back. */
  get motionPhase(): MotionPhase {
    return this.motion?.phase ?? 'idle';
  }

  /** Camera updates and data changes end here; camera moves become motion frames. */
  override scheduleRender(): this {
    if (!this.motion?.intercept()) super.scheduleRender();
    return this;
  }

  /** Sigma's own scheduling, for the motion layer to ask for the full frame. */
  scheduleFullRender(): void {
    super.scheduleRender();
  }

  override kill(): void {
    this.motion?.kill();
    this.motion = undefined;
    super.kill();
  }
}

/** The second canvas, its GL programs and the motion episode state. */
class MotionLayer {
  phase: MotionPhase = 'idle';
  private readonly gl: WebGL2RenderingContext;
  private readonly canvas: HTMLCanvasElement;
  private readonly points: WebGLProgram;
  private readonly lines: WebGLProgram;
  private readonly nodeBuf: WebGLBuffer;
  private readonly edgeBuf: WebGLBuffer;
  private nodeCount = 0;
  private edgeCount = 0;
  private restKey = '';
  private lastMove = 0;
  private lastPointer = -Infinity;
  private frame = 0;
  private fenceFrame = 0;
  private restTimer: ReturnType<typeof setTimeout> | undefined;
  private deferTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly colours = new Map<string, number>();
  private readonly onAfterRender = () => this.showFullFrame();
  private readonly onPointerMove = () => (this.lastPointer = performance.now());

  constructor(
    private readonly sigma: MotionSigma,
    private readonly o: Required<MotionOptions>,
  ) {
    this.gl = sigma.createWebGLContext('motion', {
      afterLayer: 'stage',
      antialias: false,
      style: { pointerEvents: 'none', visibility: 'hidden' },
    });
    this.canvas = this.gl.canvas as HTMLCanvasElement;
    const gl = this.gl;
    this.points = program(gl, VERTEX, POINT_FRAGMENT);
    this.lines = program(gl, VERTEX, LINE_FRAGMENT);
    this.nodeBuf = gl.createBuffer()!;
    this.edgeBuf = gl.createBuffer()!;
    this.restKey = cameraKey(sigma);
    sigma.on('afterRender', this.onAfterRender);
    sigma.getContainer().addEventListener('pointermove', this.onPointerMove, { passive: true });
  }

  /** True when this call is a camera move handled as a motion frame (sigma does not render). */
  intercept(): boolean {
    const graph = this.sigma.getGraph();
    if (graph.order + graph.size < this.o.minItems) return false;
    if (cameraKey(this.sigma) === this.restKey) {
      // At the rest position (idle, or waiting for the GPU to finish the full frame) a call is a
      // data or state change, which sigma renders in full; but a gesture that is starting (a
      // camera animation begun, a button pressed) changes sigma's state before the camera
      // moves, and a full frame then would stall its first moves: it waits for the rest. So do
      // hover changes while the pointer is still moving: each would be a full frame.
      const pointerMoving = performance.now() - this.lastPointer < this.o.idleMs;
      const gesture = this.sigma.getCamera().isAnimating() || this.sigma.getMouseCaptor().isMouseDown;
      if (!gesture && !pointerMoving) return false;
      this.deferFullRender();
      return true;
    }
    this.lastMove = performance.now();
    if (this.phase === 'idle') this.start();
    else if (this.restTimer === undefined) this.watchRest(); // moved again while the GPU drew a full frame
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
    return true;
  }

  private start(): void {
    this.phase = 'moving';
    this.snapshot();
    this.sigma.getContainer().dataset.motion = 'moving';
    this.watchRest();
  }

  /** Copies what sigma last drew (colours, sizes, hidden items, zIndex) into GL buffers. */
  private snapshot(): void {
    const s = this.sigma;
    const graph = s.getGraph();
    // Vertices of 16 bytes: x, y, size (float32) and the colour as 4 bytes. The colour is written
    // through a Uint32Array view of the same buffer: as a float its bits could be a NaN, whose
    // payload a JavaScript number does not keep.
    const nodes = new Vertices(graph.order);
    const front: { x: number; y: number; size: number; colour: number }[] = [];
    graph.forEachNode((id) => {
      const d = s.getNodeDisplayData(id);
      if (!d || d.visibility === 'hidden') return;
      const colour = this.rgba(d.color);
      if ((d.zIndex ?? 0) > 0) front.push({ x: d.x, y: d.y, size: d.size, colour });
      else nodes.put(d.x, d.y, d.size, colour);
    });
    for (const f of front) nodes.put(f.x, f.y, f.size, f.colour); // emphasised nodes on top
    const edges = new Vertices(2 * Math.min(graph.size, this.o.edgeBudget));
    let n = 0;
    graph.someEdge((id, _a, src, dst) => {
      const d = s.getEdgeDisplayData(id);
      if (!d || d.visibility === 'hidden' || (d.zIndex ?? 0) < 1) return false;
      const a = s.getNodeDisplayData(src);
      const b = s.getNodeDisplayData(dst);
      if (!a || !b || a.visibility === 'hidden' || b.visibility === 'hidden') return false;
      const c = this.rgba(d.color);
      edges.put(a.x, a.y, 0, c);
      edges.put(b.x, b.y, 0, c);
      return ++n >= this.o.edgeBudget;
    });
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.nodeBuf);
    gl.bufferData(gl.ARRAY_BUFFER, nodes.data(), gl.STATIC_DRAW);
    this.nodeCount = nodes.count;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.edgeBuf);
    gl.bufferData(gl.ARRAY_BUFFER, edges.data(), gl.STATIC_DRAW);
    this.edgeCount = edges.count;
  }

  /** One motion frame: the snapshot under the current camera. */
  private draw(): void {
    this.frame = 0;
    if (this.phase !== 'moving') return;
    const s = this.sigma;
    const gl = this.gl;
    const { width, height } = s.getDimensions();
    const ratio = (window.devicePixelRatio || 1) * this.o.resolution;
    const [w, h] = [Math.round(width * ratio), Math.round(height * ratio)];
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    // The affine map framed-graph -> clip space, from three points through sigma's public conversion.
    const o = s.framedGraphToViewport({ x: 0, y: 0 });
    const ex = s.framedGraphToViewport({ x: 1, y: 0 });
    const ey = s.framedGraphToViewport({ x: 0, y: 1 });
    const [sx, sy] = [2 / width, -2 / height];
    const toClip = new Float32Array([
      (ex.x - o.x) * sx,
      (ex.y - o.y) * sy,
      0,
      (ey.x - o.x) * sx,
      (ey.y - o.y) * sy,
      0,
      o.x * sx - 1,
      o.y * sy + 1,
      1,
    ]);
    gl.viewport(0, 0, w, h);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
    // sigma draws a node of size s as a disc of radius scaleSize(s) CSS pixels.
    const sizeScale = 2 * s.scaleSize(1) * ratio;
    if (this.edgeCount)
      this.drawBuffer(this.lines, this.edgeBuf, gl.LINES, this.edgeCount, toClip, sizeScale);
    if (this.nodeCount)
      this.drawBuffer(this.points, this.nodeBuf, gl.POINTS, this.nodeCount, toClip, sizeScale);
    // Show this canvas (and hide sigma's, which still holds the frame at rest) in the same frame.
    this.canvas.style.visibility = 'visible';
    s.getStageCanvas().style.visibility = 'hidden';
  }

  private drawBuffer(
    prog: WebGLProgram,
    buf: WebGLBuffer,
    mode: number,
    count: number,
    toClip: Float32Array,
    sizeScale: number,
  ): void {
    const gl = this.gl;
    gl.useProgram(prog);
    gl.uniformMatrix3fv(gl.getUniformLocation(prog, 'u_toClip'), false, toClip);
    gl.uniform1f(gl.getUniformLocation(prog, 'u_sizeScale'), sizeScale);
    gl.bindBuffer(gl.ARRAY_BUFFER, buf);
    const attr = (name: string, size: number, type: number, norm: boolean, offset: number) => {
      const loc = gl.getAttribLocation(prog, name);
      if (loc < 0) return;
      gl.enableVertexAttribArray(loc);
      gl.vertexAttribPointer(loc, size, type, norm, 16, offset);
    };
    attr('a_pos', 2, gl.FLOAT, false, 0);
    attr('a_size', 1, gl.FLOAT, false, 8);
    attr('a_color', 4, gl.UNSIGNED_BYTE, true, 12);
    gl.drawArrays(mode, 0, count);
  }

  /** Asks sigma again after `idleMs`, unless a motion (with its own rest) has started meanwhile. */
  private deferFullRender(): void {
    if (this.deferTimer !== undefined) return;
    this.deferTimer = setTimeout(() => {
      this.deferTimer = undefined;
      if (cameraKey(this.sigma) === this.restKey) this.sigma.scheduleRender();
    }, this.o.idleMs);
  }

  /** Ends the episode once the camera has been still for `idleMs` and no gesture holds it. */
  private watchRest(): void {
    clearTimeout(this.restTimer);
    this.restTimer = setTimeout(() => {
      this.restTimer = undefined;
      const quiet = performance.now() - this.lastMove;
      // A button held down is a drag that may go on: the full frame would stall its next move.
      const held = this.sigma.getMouseCaptor().isMouseDown;
      if (quiet < this.o.idleMs || this.sigma.getCamera().isAnimating() || held) {
        this.watchRest();
        return;
      }
      this.restKey = cameraKey(this.sigma);
      this.sigma.scheduleFullRender();
    }, this.o.idleMs);
  }

  /**
   * After sigma's full render: swap it in once the GPU has finished it. Sigma's canvas stays
   * hidden meanwhile, so the compositor does not read it back, which would hold the page's main
   * thread until the GPU is done (seconds in software WebGL); a fence tells when it is.
   */
  private showFullFrame(): void {
    if (this.phase !== 'moving' || cameraKey(this.sigma) !== this.restKey) return;
    const gl = this.sigma.getWebGLContext();
    const fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    const key = this.restKey;
    const poll = () => {
      this.fenceFrame = 0;
      const done = !fence || gl.getSyncParameter(fence, gl.SYNC_STATUS) === gl.SIGNALED;
      if (this.phase !== 'moving' || cameraKey(this.sigma) !== key) {
        if (fence) gl.deleteSync(fence);
        return; // moved again: the next rest draws a new full frame
      }
      if (!done) {
        this.fenceFrame = requestAnimationFrame(poll);
        return;
      }
      if (fence) gl.deleteSync(fence);
      this.phase = 'idle';
      this.canvas.style.visibility = 'hidden';
      this.sigma.getStageCanvas().style.visibility = 'visible';
      this.sigma.getContainer().dataset.motion = 'idle';
    };
    this.fenceFrame = requestAnimationFrame(poll);
  }

  /** A CSS colour as packed RGBA bytes (little-endian, as the vertex attribute reads them). */
  private rgba(css: string | undefined): number {
    const key = css ?? '#999';
    let v = this.colours.get(key);
    if (v === undefined) {
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.fillStyle = key;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      v = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
      this.colours.set(key, v);
    }
    return v;
  }

  kill(): void {
    clearTimeout(this.restTimer);
    clearTimeout(this.deferTimer);
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.fenceFrame) cancelAnimationFrame(this.fenceFrame);
    this.sigma.off('afterRender', this.onAfterRender);
    this.sigma.getContainer().removeEventListener('pointermove', this.onPointerMove);
  }
}

/** Interleaved vertices (x, y, size as float32; colour as 4 bytes) in one buffer. */
class Vertices {
  count = 0;
  private readonly f32: Float32Array;
  private readonly u32: Uint32Array;
  constructor(capacity: number) {
    this.f32 = new Float32Array(4 * capacity);
    this.u32 = new Uint32Array(this.f32.buffer);
  }
  put(x: number, y: number, size: number, colour: number): void {
    const i = 4 * this.count++;
    this.f32[i] = x;
    this.f32[i + 1] = y;
    this.f32[i + 2] = size;
    this.u32[i + 3] = colour;
  }
  data(): Float32Array {
    return this.f32.subarray(0, 4 * this.count);
  }
}

const cameraKey = (s: Sigma) => {
  const c = s.getCamera().getState();
  return `${c.x} ${c.y} ${c.ratio} ${c.angle}`;
};

function program(gl: WebGL2RenderingContext, vs: string, fs: string): WebGLProgram {
  const p = gl.createProgram()!;
  for (const [type, src] of [
    [gl.VERTEX_SHADER, vs],
    [gl.FRAGMENT_SHADER, fs],
  ] as const) {
    const sh = gl.createShader(type)!;
    gl.shaderSource(sh, src);
    gl.compileShader(sh);
    if (!gl.getShaderParameter(sh, gl.COMPILE_STATUS))
      throw new Error(`web/motion-sigma: shader: ${gl.getShaderInfoLog(sh)}`);
    gl.attachShader(p, sh);
  }
  gl.linkProgram(p);
  if (!gl.getProgramParameter(p, gl.LINK_STATUS))
    throw new Error(`web/motion-sigma: program: ${gl.getProgramInfoLog(p)}`);
  return p;
}
