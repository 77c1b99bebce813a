// Every scenario, in the order the harness runs them.
import p1 from './p1-http-enqueue.mjs';
import p2 from './p2-dispatch-latency.mjs';
import p3 from './p3-throughput.mjs';
import p4 from './p4-sse-fanout.mjs';
import p5 from './p5-comprehensive.mjs';
import p6 from './p6-history-scale.mjs';
import p7 from './p7-console-bundle.mjs';
import p7Panel from './p7-panel-interactions.mjs';
import p8 from './p8-reconnect-storm.mjs';
import p9 from './p9-scale-curve.mjs';

// P7 has two halves: the initial bundle, then interactions in the task panel (it needs the bundle's build).
export const SCENARIOS = [p1, p2, p3, p4, p5, p6, p7, p7Panel, p8, p9];
