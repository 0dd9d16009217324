//! Partitioning and halo inference (`partition`), and the distribution report.
//!
//! Every array allocation of rank >= 1 is distributed by blocks of rows (axis
//! 0) over the ranks, unless something forces it to be replicated (a reshape,
//! whose views would mix rows). An array created for a statement lines its rows
//! up with one of its operands, chosen here ([`Analysis::alloc`]: the median row
//! offset among the operands on one template) and written into the plan as the
//! layout's `along`, which the runtime follows; so `work = f(grid[1:-1, 1:-1],
//! grid[:-2, 1:-1], ...)` places `work[i]` beside `grid[i + 1]`.
//!
//! Halo widths come from the constant row offsets at which kernels read
//! arrays relative to the rows they write: `grid[:-2, 1:-1]` read for
//! `work` (aligned at offset 1) is offset -1, so `grid` needs one ghost row
//! above. The analysis walks the program in order as the runtime will run it
//! (loop bodies twice, to reach the steady state of a loop), tracking for
//! each array whether its ghost rows are fresh; a kernel that reads ghost rows
//! a neighbour wrote since the last exchange costs one exchange.
//!
//! The pass writes what it finds into the module as its [`ir::Plan`]: the layout of
//! every array, what each statement may communicate (every walk and every calling
//! context counted: an upper bound, where a choice depends on values known only at
//! run time), and what one iteration of each loop communicates in the steady state.
//! `--report` renders that plan; the runtime executes it (codegen hands it over as
//! the plan table), and with `LEGATEC_CHECK_PLAN=1` checks every communication
//! against it; `LEGATEC_COMM_STATS=1` prints the counts a run actually made.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use ir::{
    ArrayId, ArrayPlan, Comm, Event, Expr, ExprId, FuncId, IndexItem, KernelOutput, Layout, LibraryOp, LoopPlan, Module,
    Place, Plan, ShapeSpec, StmtKind, StmtRef, SymExpr, Template, Type,
};

/// An allocation site (an `Alloc` statement, or the `.copy()` of a distributed array).
#[derive(Clone, Debug)]
struct Site {
    name: String,
    ndim: usize,
    item: usize,
    /// Symbolic shape where known.
    shape: Vec<SymExpr>,
    /// The statement that makes it.
    origin: StmtRef,
    /// Its place among the sites of `origin` (with `origin`, what names it across rounds:
    /// a round may make sites another does not, so their indices differ).
    nth: usize,
    /// Why the site is replicated, with the statement that forced it.
    replicated: Option<(String, StmtRef)>,
    /// Template (a root site) and offset of row 0 in it, where known.
    template: Option<(usize, Option<i64>)>,
    /// The operand of its statement it is aligned with (`Some(None)`: on its own), once
    /// decided. The first walk decides and the plan keeps that choice; the runtime
    /// follows it at every execution.
    along: Option<Option<u32>>,
    /// Ghost rows needed below and above.
    halo: (i64, i64),
    /// For a `.copy()`: the site copied (the runtime gives a copy its source's ghost rows).
    copy_of: Option<usize>,
    /// Its rows are split as they fall, in blocks the statement finds at run time
    /// (`Template::Var`): a mask's selection.
    var_rows: bool,
}

/// What one loop does per iteration, per rank.
#[derive(Clone, Debug)]
struct LoopComm {
    stmt: StmtRef,
    events: Vec<Event>,
}

/// One device-to-host copy of a GPU run.
#[derive(Clone, Debug, PartialEq)]
struct Transfer {
    site: usize,
    stmt: StmtRef,
    why: String,
    in_loop: Option<StmtRef>,
}

/// How a view's rows map to its axes (see runtime-core's `dist::Rows`).
#[derive(Clone, Debug, PartialEq)]
enum Rows {
    /// View index `k` on `axis` is row `start + k * step` of the site.
    Axis { axis: usize, start: Option<i64>, step: Option<i64> },
    /// All elements lie in one row.
    Fixed(Option<i64>),
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
struct AVal {
    sites: BTreeSet<usize>,
    rows: Rows,
}

impl AVal {
    fn site(&self) -> Option<usize> {
        (self.sites.len() == 1).then(|| *self.sites.iter().next().unwrap_or(&0))
    }
}

type Env = HashMap<Place, AVal>;

struct Analysis<'m> {
    module: &'m Module,
    sites: Vec<Site>,
    site_of_alloc: HashMap<StmtRef, usize>,
    /// The sites made by `Library` statements (copies, products split by rows).
    site_of_copy: HashMap<StmtRef, usize>,
    /// The statement being walked (inside a call: the callee's).
    current: StmtRef,
    /// What each statement may communicate, over every walk.
    comm: BTreeMap<StmtRef, BTreeSet<Comm>>,
    /// Ghost rows fresh?
    valid: HashMap<usize, bool>,
    globals: Env,
    /// Sites forced replicated, by (origin, nth): in an earlier round, or this one.
    replicated: BTreeMap<(StmtRef, usize), (String, StmtRef)>,
    loops: Vec<LoopComm>,
    /// The loop being recorded (its second walk), as an index into `loops`.
    recording: Vec<usize>,
    /// Whether events are recorded (false during a loop's first walk).
    record: bool,
    /// The communication outside every loop (`Plan::outside`).
    outside: Vec<Event>,
    transfers: Vec<Transfer>,
    fills: Vec<ir::Fill>,
    depth: usize,
    /// The functions whose calls are being evaluated, outermost first.
    active: Vec<ir::FuncId>,
    /// What the latest whole evaluation of each function that calls itself returned: its
    /// own calls' results.
    summaries: HashMap<ir::FuncId, Vec<Option<AVal>>>,
    /// What the calls of each function that calls itself, from its own body, pass its
    /// parameters, joined.
    recursive_args: HashMap<ir::FuncId, Env>,
    /// The arrays pushed for the next dataframe operation (`lt_frame_push`), which reads
    /// them when it runs (`lt_frame_run`, `lt_frame_text`).
    frame_operands: Vec<AVal>,
    /// After a dataframe operation split over the ranks: the site of its first result, once
    /// popped (`Some(None)` before); the results it pops are sites split as they fall.
    frame_split: Option<Option<usize>>,
    /// Which of that operation's results are split (`runtime_abi::frame_spec::result_split`),
    /// and how many were popped.
    frame_results: (Vec<String>, usize),
    /// How each kernel launch runs (`Plan::launches`), over every walk.
    launches: BTreeMap<StmtRef, ir::LaunchPlan>,
}

fn item_size(ty: &Type) -> usize {
    ty.dtype().map_or(8, ir::DType::size_bytes)
}

impl<'m> Analysis<'m> {
    fn distributed(&self, site: usize) -> bool {
        self.sites[site].ndim > 0 && self.sites[site].replicated.is_none() && !self.replicated.contains_key(&self.key(site))
    }

    /// What names a site across rounds.
    fn key(&self, site: usize) -> (StmtRef, usize) {
        (self.sites[site].origin, self.sites[site].nth)
    }

    fn new_site(&mut self, name: String, ty: &Type, shape: Vec<SymExpr>, origin: StmtRef, is_alloc: bool) -> usize {
        if is_alloc {
            if let Some(&site) = self.site_of_alloc.get(&origin) {
                return site;
            }
        }
        let ndim = match ty {
            Type::Array { ndim, .. } => *ndim,
            _ => 0,
        };
        let site = self.sites.len();
        let nth = self.sites.iter().filter(|s| s.origin == origin).count();
        self.sites.push(Site {
            name,
            ndim,
            item: item_size(ty),
            shape,
            origin,
            nth,
            replicated: None,
            template: None,
            along: None,
            halo: (0, 0),
            copy_of: None,
            var_rows: false,
        });
        if is_alloc {
            self.site_of_alloc.insert(origin, site);
        }
        site
    }

    /// Notes that the current statement may communicate `comm`.
    fn may(&mut self, comm: Comm) {
        self.comm.entry(self.current).or_default().insert(comm);
    }

    /// A communication of the current statement: allowed, and recorded in the loop being
    /// recorded.
    fn event(&mut self, comm: Comm) {
        self.may(comm.clone());
        if !self.record {
            return;
        }
        let event = Event { stmt: self.current, comm };
        match self.recording.last() {
            Some(&index) => self.loops[index].events.push(event),
            None => self.outside.push(event),
        }
    }

    /// Two templates are the same block split when their roots have the same extent.
    fn same_template(&self, a: usize, b: usize) -> bool {
        let extent = |s: usize| self.sites[s].shape.first().filter(|e| !matches!(e, SymExpr::Unknown)).cloned();
        a == b || (extent(a).is_some() && extent(a) == extent(b))
    }

    fn force_replicated(&mut self, aval: &AVal, why: &str) {
        for &site in &aval.sites {
            let key = self.key(site);
            self.replicated.entry(key).or_insert_with(|| (why.to_string(), self.current));
        }
    }

    fn read(&self, env: &Env, func: &ir::Function, e: ExprId) -> Option<AVal> {
        match &func.exprs[e] {
            Expr::Read(Place::Global(g)) => self.globals.get(&Place::Global(*g)).cloned(),
            Expr::Read(place) => env.get(place).cloned(),
            _ => None,
        }
    }

    fn write(&mut self, env: &mut Env, place: Place, value: Option<AVal>) {
        let target = if matches!(place, Place::Global(_)) { &mut self.globals } else { env };
        match value {
            Some(v) => {
                target.insert(place, v);
            }
            None => {
                target.remove(&place);
            }
        }
    }

    fn const_int(func: &ir::Function, e: Option<ExprId>) -> Option<Option<i64>> {
        match e {
            None => Some(None),
            Some(e) => match &func.exprs[e] {
                Expr::Const(ir::Const::Int(v)) => Some(Some(*v)),
                Expr::Unary(ir::UnaryOp::Neg, inner) => match &func.exprs[*inner] {
                    Expr::Const(ir::Const::Int(v)) => v.checked_neg().map(Some),
                    _ => None,
                },
                _ => None,
            },
        }
    }

    /// The rows of a view of `src` by `index`.
    fn view_rows(func: &ir::Function, src: &Rows, index: &[IndexItem]) -> Rows {
        let mut axis_in = 0usize;
        let mut axis_out = 0usize;
        let mut rows = Rows::Unknown;
        let (row_axis, start, step) = match src {
            Rows::Axis { axis, start, step } => (*axis, *start, *step),
            other => return other.clone(),
        };
        let mut consumed = false;
        for item in index {
            match item {
                IndexItem::NewAxis => axis_out += 1,
                IndexItem::Index(e) => {
                    if axis_in == row_axis {
                        consumed = true;
                        let fixed = match (Self::const_int(func, Some(*e)), start, step) {
                            // Unknown where the exact row does not fit (never a wrapped one).
                            (Some(Some(i)), Some(s), Some(st)) if i >= 0 => i.checked_mul(st).and_then(|o| s.checked_add(o)),
                            _ => None,
                        };
                        rows = Rows::Fixed(fixed);
                    }
                    axis_in += 1;
                }
                IndexItem::Slice { start: b, step: st, .. } => {
                    if axis_in == row_axis {
                        consumed = true;
                        let b = Self::const_int(func, *b);
                        let st = Self::const_int(func, *st);
                        let new_step = match (st, step) {
                            (Some(None), s) => s,
                            (Some(Some(k)), Some(s)) if k > 0 => k.checked_mul(s),
                            _ => None,
                        };
                        let new_start = match (b, start, step) {
                            (Some(None), s, _) if st == Some(None) || matches!(st, Some(Some(k)) if k > 0) => s,
                            (Some(Some(i)), Some(s), Some(sp)) if i >= 0 => i.checked_mul(sp).and_then(|o| s.checked_add(o)),
                            _ => None,
                        };
                        rows = Rows::Axis { axis: axis_out, start: new_start, step: new_step };
                    }
                    axis_in += 1;
                    axis_out += 1;
                }
            }
        }
        if !consumed {
            // Trailing axes are kept whole.
            rows = Rows::Axis { axis: axis_out + (row_axis - axis_in), start, step };
        }
        rows
    }

    /// A device-to-host copy of a GPU run (recorded whether or not the site is distributed).
    fn transfer(&mut self, aval: &AVal, why: &str) {
        if !self.record {
            return;
        }
        let in_loop = self.recording.last().map(|&index| self.loops[index].stmt);
        for &site in &aval.sites {
            let transfer = Transfer { site, stmt: self.current, why: why.to_string(), in_loop };
            if !self.transfers.contains(&transfer) {
                self.transfers.push(transfer);
            }
        }
    }

    fn gather(&mut self, aval: &AVal, why: &str) {
        for &site in &aval.sites.clone() {
            if !self.distributed(site) {
                continue;
            }
            self.event(Comm::Gather { array: ArrayId(site as u32), why: why.to_string() });
        }
    }

    /// The template of a view along axis 0 with step 1, and its row of view index 0 where known.
    fn template_start(
        &self,
        aval: &AVal,
        ndim: usize,
        want_ndim: usize,
    ) -> Option<(usize, Option<i64>)> {
        let site = aval.site()?;
        if !self.distributed(site) || ndim != want_ndim {
            return None;
        }
        let (root, off) = self.sites[site].template?;
        match aval.rows {
            Rows::Axis {
                axis: 0,
                start,
                step: Some(1),
            } => Some((root, off.zip(start).and_then(|(o, s)| o.checked_add(s)))),
            _ => None,
        }
    }

    fn alloc(&mut self, func: &ir::Function, env: &Env, dst: Place, shape: &ShapeSpec) -> usize {
        let ty = self.module.place_type(func, dst);
        let name = place_name(self.module, func, dst);
        let sym = self.module.place_shape(func, dst).cloned().unwrap_or_default();
        let site = self.new_site(name, &ty, sym, self.current, true);
        let ndim = self.sites[site].ndim;
        // Each operand's template and where its rows start on it, where known.
        let operands: Vec<Option<(usize, Option<i64>)>> = match shape {
            ShapeSpec::Dims(_) => Vec::new(),
            ShapeSpec::Broadcast { arrays, .. } => arrays
                .iter()
                .map(|&a| {
                    // An operand of one row, broadcast along the result's rows, lies beside
                    // none of them (unless the result has one row too).
                    let one_row = |place: Option<Place>| {
                        place.and_then(|p| self.module.place_shape(func, p)).and_then(|s| s.first()) == Some(&SymExpr::Const(1))
                    };
                    if one_row(crate::fuse::read_place(func, a)) && !one_row(Some(dst)) {
                        return None;
                    }
                    let aval = self.read(env, func, a)?;
                    let a_ndim = match func.expr_type(a) {
                        Type::Array { ndim, .. } => *ndim,
                        _ => 0,
                    };
                    self.template_start(&aval, a_ndim, ndim)
                })
                .collect(),
            ShapeSpec::Reduced { array, axis } => {
                vec![self.read(env, func, *array).and_then(|aval| {
                    let src = aval.site().filter(|&s| self.distributed(s))?;
                    let (root, off) = self.sites[src].template?;
                    match aval.rows {
                        Rows::Axis {
                            axis: a,
                            start,
                            step: Some(1),
                        } if a != *axis && a - usize::from(a > *axis) == 0 => {
                            Some((root, off.zip(start).and_then(|(o, s)| o.checked_add(s))))
                        }
                        _ => None,
                    }
                })]
            }
        };
        if self.sites[site].along.is_none() {
            // The operands on the first one's template; of those whose row offsets are
            // known, the median one (a kernel reading them then needs the fewest ghost
            // rows), else the first.
            let first = operands.iter().flatten().map(|&(root, _)| root).next();
            let candidates: Vec<(usize, Option<i64>)> = operands
                .iter()
                .enumerate()
                .filter_map(|(k, o)| {
                    o.filter(|&(root, _)| first.is_some_and(|f| self.same_template(f, root)))
                        .map(|(_, off)| (k, off))
                })
                .collect();
            let mut offsets: Vec<i64> = candidates.iter().filter_map(|&(_, off)| off).collect();
            offsets.sort_unstable();
            let median = offsets.get(offsets.len().saturating_sub(1) / 2).copied();
            let chosen = candidates
                .iter()
                .find(|&&(_, off)| median.is_none() || off == median)
                .map(|&(k, _)| k as u32);
            self.sites[site].along = Some(chosen);
        }
        // On a walk where the chosen operand's template is unknown, so is this array's.
        let template = self.sites[site]
            .along
            .flatten()
            .map(|k| match operands.get(k as usize) {
                Some(Some(start)) => *start,
                _ => (site, None),
            });
        self.sites[site].template = Some(template.unwrap_or((site, Some(0))));
        self.valid.insert(site, true);
        site
    }

    /// The array a `Library` statement makes beside the rows of its operand `v` (a view of
    /// a distributed array along axis 0, step 1): its row `i` lines up with row `i + offset`
    /// of `v`, and each rank writes its own rows.
    fn beside_rows(&mut self, func: &ir::Function, v: &AVal, dst: Place, offset: i64) -> AVal {
        let src = v.site().unwrap_or(0);
        let site = self.site_made_here(func, dst);
        self.sites[site].along = Some(Some(0));
        let start = match v.rows {
            Rows::Axis { start, .. } => start.and_then(|s| s.checked_add(offset)),
            _ => None,
        };
        let template = self.sites[src].template.map(|(root, off)| (root, off.zip(start).and_then(|(o, s)| o.checked_add(s))));
        self.sites[site].template = Some(template.unwrap_or((site, None)));
        self.valid.insert(site, false);
        AVal { sites: BTreeSet::from([site]), rows: Rows::Axis { axis: 0, start: Some(0), step: Some(1) } }
    }

    /// `a[mask]` (`lt_mask_get(a, mask)`) with a mask of at least one axis, unless round one
    /// forced the result replicated: each rank selects from its share of the rows along
    /// axis 0 (its own rows of `a` where `a` is split along axis 0, else an even share),
    /// reading the operands' rows there (fetched where they lie elsewhere), and the result
    /// is split by rows as they fall (`Template::Var`), after one gather of the counts.
    /// `None` where the statement gathers its operands instead.
    fn mask_split(&mut self, func: &ir::Function, env: &Env, args: &[ExprId], dst: Place) -> Option<AVal> {
        let site = self.split_site(func, args, dst, 1)?;
        let [a, mask] = args else { return None };
        let values = [self.read(env, func, *a), self.read(env, func, *mask)];
        // Where view index 0 of axis 0 lies on its template, for operands split along axis 0.
        let start = |this: &Self, v: &AVal| -> Option<(usize, Option<i64>)> {
            let (root, off) = this.sites[v.site().filter(|&s| this.distributed(s))?].template?;
            match v.rows {
                Rows::Axis { axis: 0, start, step: Some(1) } => Some((root, off.zip(start).and_then(|(o, s)| o.checked_add(s)))),
                _ => None,
            }
        };
        // `a`'s rows are read where they lie when it is split along axis 0; the mask's when
        // it lies alike. Anything else distributed is fetched.
        let driver = values[0].as_ref().and_then(|v| start(self, v));
        for (k, v) in values.iter().enumerate() {
            let Some(v) = v else { continue };
            let in_place = match (k, driver, start(self, v)) {
                (0, Some(_), _) => true,
                (_, Some((r1, Some(o1))), Some((r2, Some(o2)))) => self.same_template(r1, r2) && o1 == o2,
                _ => false,
            };
            if !in_place {
                for &s in &v.sites {
                    if self.distributed(s) {
                        self.event(Comm::Fetch { array: ArrayId(s as u32) });
                    }
                }
            }
            self.transfer(v, "`mask_get` runs on the host");
        }
        self.event(Comm::Allreduce);
        self.sites[site].template = Some((site, Some(0)));
        self.sites[site].along = Some(None);
        self.sites[site].var_rows = true;
        self.valid.insert(site, false);
        Some(AVal { sites: BTreeSet::from([site]), rows: Rows::Axis { axis: 0, start: Some(0), step: Some(1) } })
    }

    /// `a[idx]` (`lt_gather(a, idx)`) with a 1-D `idx`, unless round one forced the result
    /// replicated: the result's rows line up with `idx`'s where `idx` is split along axis 0
    /// (else it is split evenly on its own); each rank reads its rows of `idx` and asks the
    /// owners of `a`'s rows for the rows they name (a shuffle of `a`, where `a` is split
    /// along axis 0; gathered where it is split otherwise); the first index out of range is
    /// agreed on by one gather of a word per rank.
    fn gather_split(&mut self, func: &ir::Function, env: &Env, args: &[ExprId], dst: Place) -> Option<AVal> {
        let site = self.split_site(func, args, dst, 1)?;
        let [a, idx] = args else { return None };
        let (a, idx) = (self.read(env, func, *a), self.read(env, func, *idx));
        if let Some(a) = &a {
            let by_rows = matches!(a.rows, Rows::Axis { axis: 0, .. });
            for &s in &a.sites {
                if self.distributed(s) {
                    self.event(if by_rows { Comm::Shuffle { array: ArrayId(s as u32) } } else {
                        Comm::Gather { array: ArrayId(s as u32), why: "rows taken by an index array, not split along axis 0".to_string() }
                    });
                }
            }
            self.transfer(a, "`gather` runs on the host");
        }
        let template = idx.as_ref().and_then(|v| self.template_start(v, 1, 1));
        if let Some(v) = &idx {
            if template.is_none() {
                for &s in &v.sites {
                    if self.distributed(s) {
                        self.event(Comm::Fetch { array: ArrayId(s as u32) });
                    }
                }
            }
            self.transfer(v, "`gather` runs on the host");
        }
        self.event(Comm::Allreduce);
        self.sites[site].template = Some(template.unwrap_or((site, Some(0))));
        self.sites[site].along = Some(template.map(|_| 1));
        self.valid.insert(site, false);
        Some(AVal { sites: BTreeSet::from([site]), rows: Rows::Axis { axis: 0, start: Some(0), step: Some(1) } })
    }

    /// The site of the array the current statement (not an `Alloc`) stores into `dst`:
    /// made on the first visit, found again on the next.
    fn site_made_here(&mut self, func: &ir::Function, dst: Place) -> usize {
        let key = self.current;
        if let Some(&site) = self.site_of_copy.get(&key) {
            return site;
        }
        let ty = self.module.place_type(func, dst);
        let name = place_name(self.module, func, dst);
        let shape = self.module.place_shape(func, dst).cloned().unwrap_or_default();
        let site = self.new_site(name, &ty, shape, key, false);
        self.site_of_copy.insert(key, site);
        site
    }

    /// The site a selection (`a[mask]`, `a[idx]`) makes at the current statement, if it is
    /// split by rows; made on the first visit, found again on the next. `args` are the array
    /// and its index, both of at least one axis.
    fn split_site(&mut self, func: &ir::Function, args: &[ExprId], dst: Place, min_index_ndim: usize) -> Option<usize> {
        let [a, mask] = args else { return None };
        if ty_ndim(&func.expr_type(*mask)) < min_index_ndim || ty_ndim(&func.expr_type(*a)) == 0 {
            return None;
        }
        let site = self.site_made_here(func, dst);
        self.distributed(site).then_some(site)
    }

    /// A result popped after a dataframe operation split over the ranks: a site of the pop,
    /// split as its parts fall (one gather of the counts), on the first result's blocks
    /// (every result of one operation has as many rows on each rank); gathered whole
    /// where round one forced it replicated.
    fn frame_result(&mut self, func: &ir::Function, dst: Place, first: Option<usize>) -> AVal {
        let site = self.site_made_here(func, dst);
        self.event(Comm::Allreduce);
        if !self.distributed(site) {
            self.event(Comm::Gather { array: ArrayId(site as u32), why: "a result split over ranks, wanted whole".to_string() });
        }
        match first {
            Some(root) if self.distributed(root) => self.sites[site].template = Some((root, Some(0))),
            _ => {
                self.sites[site].template = Some((site, Some(0)));
                self.sites[site].var_rows = true;
                self.frame_split = Some(Some(site));
            }
        }
        self.sites[site].along = Some(None);
        self.valid.insert(site, false);
        AVal { sites: BTreeSet::from([site]), rows: Rows::Axis { axis: 0, start: Some(0), step: Some(1) } }
    }

    /// A random fill (`lt_random_fill*(rng, method, array, ..)`) of `v`, a new array split by
    /// rows (the frontend fills only arrays it has just allocated): each rank draws the
    /// rows it stores, its ghost rows included, so nothing moves and they stay fresh
    /// (runtime-numpy `random::streams::held_block`). Records the fill, with whether the
    /// generator jumps over the other ranks' elements or draws through them
    /// (`runtime_abi::random_draws_jump`), and returns true if it is one.
    fn fill_split(&mut self, func: &ir::Function, args: &[ExprId], v: &AVal) -> bool {
        let Some(site) = v.site().filter(|&s| self.distributed(s)) else { return false };
        if v.rows != (Rows::Axis { axis: 0, start: Some(0), step: Some(1) }) {
            return false;
        }
        let constant = |k: usize| match args.get(k).map(|&e| &func.exprs[e]) {
            Some(Expr::Const(ir::Const::Int(c))) => Some(*c),
            _ => None,
        };
        let legacy = constant(0) == Some(ir::RNG_LEGACY);
        let dtype = func.expr_type(args[2]).dtype().map_or(-1, |d| d.code());
        let jumps = constant(1).is_some_and(|method| ir::random_draws_jump(legacy, method, dtype));
        let fill = ir::Fill { array: ArrayId(site as u32), stmt: self.current, jumps };
        if self.record && !self.fills.contains(&fill) {
            self.fills.push(fill);
        }
        true
    }

    /// The extent of axis 0 of an array expression, where its shape is a known constant.
    /// Whether the extent along axis 0 of the array `e` reads is not known symbolically.
    fn extent0_unknown(module: &Module, func: &ir::Function, e: ExprId) -> bool {
        let shape = match &func.exprs[e] {
            Expr::Read(place) => module.place_shape(func, *place),
            _ => None,
        };
        shape.and_then(|s| s.first()).is_none_or(|d| *d == SymExpr::Unknown)
    }

    fn static_extent0(module: &Module, func: &ir::Function, e: ExprId) -> Option<i64> {
        let shape = match &func.exprs[e] {
            Expr::Read(place) => module.place_shape(func, *place),
            _ => None,
        }?;
        match shape.first() {
            Some(SymExpr::Const(n)) => Some(*n),
            _ => None,
        }
    }

    /// `a @ b` whose inner (summed) axis is split over the ranks: the rows of `a` lie
    /// along its last axis (`X.T @ v`, `v @ A`, `u @ v`), or else those of `b` along its
    /// first. Each rank multiplies the part it owns and an allreduce sums the partial
    /// products into a replicated result (runtime-blas `matmul_split_inner`); the other
    /// operand is read where it lies when replicated or split alike, else its rows are
    /// fetched. Records that and returns true if the product is one.
    fn split_inner(&mut self, func: &ir::Function, env: &Env, args: &[ExprId]) -> bool {
        let [a, b] = args else { return false };
        let inner = [ty_ndim(&func.expr_type(*a)).saturating_sub(1), 0];
        let values = [self.read(env, func, *a), self.read(env, func, *b)];
        let on_inner = |this: &Self, k: usize| {
            values[k].as_ref().is_some_and(|v| {
                v.site().is_some_and(|s| this.distributed(s)) && matches!(v.rows, Rows::Axis { axis, .. } if axis == inner[k])
            })
        };
        let Some(driver) = (0..2).find(|&k| on_inner(self, k)) else { return false };
        let other = 1 - driver;
        // Where view index 0 of the inner axis lies on its template, where known.
        let start = |this: &Self, k: usize| -> Option<(usize, i64)> {
            let v = values[k].as_ref()?;
            let (root, off) = this.sites[v.site()?].template?;
            match v.rows {
                Rows::Axis { axis, start: Some(s), step: Some(1) } if axis == inner[k] => Some((root, off?.checked_add(s)?)),
                _ => None,
            }
        };
        // Float products run where they lie on a GPU (cuBLAS); rows fetched go through the host.
        let on_device = func.expr_type(*a).dtype().is_some_and(|d| d.is_float());
        if let Some(v) = values[other].clone() {
            let aligned = match (start(self, driver), start(self, other)) {
                (Some((r1, o1)), Some((r2, o2))) => self.same_template(r1, r2) && o1 == o2,
                _ => false,
            };
            if v.sites.iter().any(|&s| self.distributed(s)) && !aligned {
                self.gather(&v, "the other operand of a product summed over ranks, not split alike");
                self.transfer(&v, "rows fetched for MatMul");
            }
        }
        for v in values.iter().flatten() {
            if !on_device {
                self.transfer(v, "MatMul runs on the host");
            }
        }
        self.event(Comm::Allreduce);
        true
    }

    /// A kernel launch: who computes which rows, which ghost rows are read.
    /// A kernel launch: its communication, and how it runs (`Plan::launches`).
    fn launch(&mut self, func: &ir::Function, env: &Env, kernel: &ir::Kernel, dst: Option<ExprId>, arrays: &[ExprId]) {
        // A kernel's further outputs lie as its destination does (the runtime writes each
        // rank's rows of all of them): where one is held whole, so are the others.
        if !kernel.also.is_empty() {
            let outputs: Vec<AVal> = dst
                .into_iter()
                .chain(arrays[arrays.len() - kernel.also.len()..].iter().copied())
                .filter_map(|a| self.read(env, func, a))
                .collect();
            let whole = outputs.iter().flat_map(|v| v.sites.iter()).find(|&&s| !self.distributed(s)).copied();
            if let Some(site) = whole {
                let why = format!("stored by one kernel with `{}`, which is held whole", self.sites[site].name);
                for v in &outputs {
                    if v.sites.iter().any(|&s| self.distributed(s)) {
                        self.force_replicated(v, &why);
                    }
                }
            }
        }
        let view = |a: ExprId| {
            let v = self.read(env, func, a)?;
            let n = ty_ndim(func.expr_type(a));
            let row = match v.rows {
                Rows::Axis { axis, start, step: Some(1) } if axis + (kernel.ndim - n.min(kernel.ndim)) == 0 => start,
                _ => None,
            };
            Some((ArrayId(v.site()? as u32), row))
        };
        let operands: Vec<Option<(ArrayId, Option<i64>)>> = arrays.iter().map(|&a| view(a)).collect();
        let dst_view = dst.and_then(view);
        let split = self.launch_comm(func, env, kernel, dst, arrays);
        let plan = ir::LaunchPlan { split, dst: dst_view, operands };
        let merged = match self.launches.remove(&self.current) {
            Some(old) => old.merge(plan),
            None => plan,
        };
        self.launches.insert(self.current, merged);
    }

    /// How a library call runs (`Plan::launches`): split where each rank computes its own
    /// rows of the result (a product by the rows of its first operand), and the arrays it
    /// reads, their rows not recorded (the model reads which arrays they are).
    fn library_operands(&mut self, env: &Env, func: &ir::Function, args: &[ExprId], split: bool) {
        let operands = args.iter().map(|&a| Some((ArrayId(self.read(env, func, a)?.site()? as u32), None))).collect();
        let plan = ir::LaunchPlan { split, dst: None, operands };
        let merged = match self.launches.remove(&self.current) {
            Some(old) => old.merge(plan),
            None => plan,
        };
        self.launches.insert(self.current, merged);
    }

    /// What a launch communicates; whether each rank computes only its own rows of it.
    fn launch_comm(&mut self, func: &ir::Function, env: &Env, kernel: &ir::Kernel, dst: Option<ExprId>, arrays: &[ExprId]) -> bool {
        let ndim = kernel.ndim;
        let dst_val = dst.and_then(|d| self.read(env, func, d));
        let dst_dist = dst_val.as_ref().and_then(|v| v.site()).filter(|&s| self.distributed(s));
        let input_info: Vec<(Option<AVal>, usize)> = arrays
            .iter()
            .map(|&a| {
                let n = match func.expr_type(a) {
                    Type::Array { ndim, .. } => *ndim,
                    _ => 0,
                };
                (self.read(env, func, a), n)
            })
            .collect();
        let any_dist = dst_dist.is_some()
            || input_info.iter().any(|(v, _)| v.as_ref().is_some_and(|v| v.sites.iter().any(|&s| self.distributed(s))));
        if !any_dist {
            return false;
        }
        // The driver: the destination's rows, or a distributed input's for reductions.
        let reduce_axis = match kernel.output {
            KernelOutput::ReduceAxis { axis, .. } => Some(axis),
            _ => None,
        };
        let driver: Option<(usize, Option<i64>)> = match (&dst_val, dst_dist) {
            (Some(v), Some(site)) => match v.rows {
                Rows::Axis { axis, start, step: Some(1) } if axis + usize::from(reduce_axis.is_some_and(|r| axis >= r)) == 0 => {
                    self.sites[site].template.map(|(root, off)| (root, off.zip(start).and_then(|(o, s)| o.checked_add(s))))
                }
                Rows::Fixed(_) => None,
                _ => {
                    // Every rank computes the whole destination from whole inputs.
                    for v in input_info
                        .iter()
                        .filter_map(|(v, _)| v.clone())
                        .chain([v.clone()])
                    {
                        self.gather(&v, "the kernel writes rows along another axis");
                    }
                    return false;
                }
            },
            (_, None) if matches!(kernel.output, KernelOutput::Store { .. } | KernelOutput::StoreReduce { .. }) => {
                for (v, _) in input_info.iter() {
                    if let Some(v) = v {
                        self.gather(v, "read into a replicated array");
                    }
                }
                return false;
            }
            _ => {
                // The runtime splits a reduction by the rows of its first distributed input
                // whose rows are the iteration's axis 0. An input bound to several arrays,
                // or with rows unknown here, may or may not be that one.
                let mut uncertain = false;
                let mut found = None;
                for ((v, n), &a) in input_info.iter().zip(arrays) {
                    let Some(v) = v else { continue };
                    if !v.sites.iter().any(|&s| self.distributed(s)) {
                        continue;
                    }
                    // An array of one row has no row axis at run time (`dist::rows_of`):
                    // it broadcasts, and never splits the reduction.
                    if Self::static_extent0(self.module, func, a).is_some_and(|e| e <= 1) {
                        continue;
                    }
                    match (v.site(), &v.rows) {
                        (Some(site), Rows::Axis { axis, start, .. }) if axis + (ndim - n) == 0 => {
                            found = self.sites[site].template.map(|(root, off)| {
                                (root, off.zip(*start).and_then(|(o, s)| o.checked_add(s)))
                            });
                            break;
                        }
                        (Some(_), Rows::Axis { .. } | Rows::Fixed(_)) => {}
                        // Bound to several arrays (assigned in a loop and before it), every one
                        // distributed along one template at the same row: whichever it is at run
                        // time, its rows drive the reduction alike.
                        (None, Rows::Axis { axis, start, .. }) if axis + (ndim - n) == 0 => {
                            let templates: BTreeSet<Option<(usize, Option<i64>)>> = v.sites.iter().map(|&s| self.sites[s].template).collect();
                            match templates.into_iter().collect::<Vec<_>>().as_slice() {
                                [Some((root, off))] if v.sites.iter().all(|&s| self.distributed(s)) => {
                                    found = Some((*root, off.zip(*start).and_then(|(o, s)| o.checked_add(s))));
                                    break;
                                }
                                _ => uncertain = true,
                            }
                        }
                        _ => uncertain = true,
                    }
                }
                if uncertain && found.is_none() {
                    // Either way, no input moves more than a gather of it.
                    for v in input_info.iter().filter_map(|(v, _)| v.clone()) {
                        self.gather(
                            &v,
                            ir::plan::GATHER_IF_ROWS_DIFFER,
                        );
                    }
                    self.may(Comm::Allreduce);
                    return false;
                }
                // With another candidate before it, where the rows meet is unknown here.
                found.map(|(root, off)| (root, off.filter(|_| !uncertain)))
            }
        };
        if driver.is_none() && dst_dist.is_none() {
            // A reduction that no distributed input's rows can split: every rank
            // computes it whole.
            for v in input_info.iter().filter_map(|(v, _)| v.clone()) {
                self.gather(&v, "no input's rows split the reduction");
            }
            return false;
        }
        let fixed_dst =
            matches!(dst_val.as_ref().map(|v| &v.rows), Some(Rows::Fixed(_))) && dst_dist.is_some();
        for (i, ((v, n), &a)) in input_info.iter().zip(arrays).enumerate() {
            // A further output lies as the destination does (`fuse-siblings`).
            if kernel.is_output(i) {
                continue;
            }
            let Some(v) = v else { continue };
            let Some(site) = v.site() else {
                // A variable bound to several arrays (`x = x + a` in a loop: the array made
                // before it or the one made in it) reads where it lies when every one of them
                // lies beside the rows computed, as the runtime finds at each execution.
                let beside = |a: &Self, site: usize| match (&v.rows, driver, a.sites[site].template) {
                    (Rows::Axis { axis, start: Some(s), step: Some(1) }, Some((root, Some(d))), Some((iroot, Some(o))))
                        if axis + (ndim - n) == 0 && a.same_template(root, iroot) && !fixed_dst =>
                    {
                        o.checked_add(*s).and_then(|row| row.checked_sub(d)) == Some(0)
                    }
                    _ => false,
                };
                if !v.sites.iter().all(|&s| self.distributed(s) && beside(self, s)) {
                    self.gather(v, ir::plan::GATHER_IF_SEVERAL_ARRAYS);
                }
                continue;
            };
            if !self.distributed(site) {
                continue;
            }
            let template = self.sites[site].template;
            let rel = match (&v.rows, driver, template) {
                (Rows::Axis { axis, start: Some(s), step: Some(1) }, Some((root, Some(d))), Some((iroot, Some(o))))
                    if axis + (ndim - n) == 0 && self.same_template(root, iroot) && !fixed_dst =>
                {
                    o.checked_add(*s).and_then(|row| row.checked_sub(d))
                }
                _ => None,
            };
            match rel {
                Some(rel) => {
                    // An operand of one row has no row axis at run time: it broadcasts, and
                    // the ranks that do not own that row fetch it. Where its extent is known
                    // only at run time (`e[:k]`), the plan allows that fetch.
                    if Self::extent0_unknown(self.module, func, a) {
                        self.may(Comm::Fetch { array: ArrayId(site as u32) });
                    }
                    let halo = &mut self.sites[site].halo;
                    halo.0 = halo.0.max(-rel);
                    halo.1 = halo.1.max(rel);
                    if rel != 0 {
                        // Ghost rows are read: exchanged when a neighbour wrote them.
                        let exchange = Comm::HaloExchange { array: ArrayId(site as u32) };
                        if !self.valid.get(&site).copied().unwrap_or(true) {
                            self.valid.insert(site, true);
                            self.event(exchange);
                        } else {
                            self.may(exchange);
                        }
                    }
                }
                None => self.event(Comm::Fetch { array: ArrayId(site as u32) }),
            }
        }
        if kernel.output.reduces_all() || (reduce_axis.is_some() && dst_dist.is_none()) {
            self.event(Comm::Allreduce);
        }
        if let (Some(v), Some(site)) = (&dst_val, dst_dist) {
            let boundary_row = matches!(v.rows, Rows::Fixed(Some(0)) | Rows::Fixed(Some(-1)));
            if !boundary_row {
                self.valid.insert(site, false);
                for (v, _) in kernel.outputs().filter_map(|i| input_info.get(i)) {
                    for &site in v.iter().flat_map(|v| &v.sites) {
                        self.valid.insert(site, false);
                    }
                }
            }
        }
        true
    }

    fn block(&mut self, func_id: FuncId, func: &ir::Function, env: &mut Env, block: &[ir::Stmt]) -> Vec<Option<AVal>> {
        let mut returned = Vec::new();
        for stmt in block {
            let caller = self.current;
            self.current = StmtRef {
                func: func_id,
                stmt: stmt.id,
            };
            // What its expressions communicate, before what it does.
            for e in stmt.kind.exprs() {
                self.scan_expr(func, env, e);
            }
            match &stmt.kind {
                StmtKind::Assign { dst, value } => {
                    let v = self.read(env, func, *value);
                    if let Some(site) = v.as_ref().and_then(|v| v.site()) {
                        let name = place_name(self.module, func, *dst);
                        if is_temporary(&self.sites[site].name) && !is_temporary(&name) {
                            self.sites[site].name = name;
                        }
                    }
                    if func.expr_type(*value).is_array() {
                        self.write(env, *dst, v);
                    }
                }
                StmtKind::Alloc { dst, shape, .. } => {
                    let site = self.alloc(func, env, *dst, shape);
                    let ndim = self.sites[site].ndim;
                    let rows = if ndim > 0 { Rows::Axis { axis: 0, start: Some(0), step: Some(1) } } else { Rows::Unknown };
                    self.write(env, *dst, Some(AVal { sites: BTreeSet::from([site]), rows }));
                }
                StmtKind::View { dst, src, index } => {
                    let v = self.read(env, func, *src).map(|v| AVal { rows: Self::view_rows(func, &v.rows, index), sites: v.sites });
                    self.write(env, *dst, v);
                }
                StmtKind::Launch { kernel, dst, arrays, .. } => {
                    let kernel = &self.module.kernels[*kernel];
                    self.launch(func, env, kernel, *dst, arrays);
                }
                StmtKind::Library { op, dst, args } => {
                    let ty = self.module.place_type(func, *dst);
                    let arg0 = args.first().and_then(|&a| self.read(env, func, a));
                    // Products of more than two axes have no distributed or device version.
                    let matrices = matches!(op, LibraryOp::MatMul { .. })
                        && args.iter().all(|&a| ty_ndim(&func.expr_type(a)) <= 2);
                    let by_rows = matrices
                        && ty_ndim(&func.expr_type(args[0])) == 2
                        && ty_ndim(&ty) >= 1
                        && arg0.as_ref().is_some_and(|v| {
                            v.site().is_some_and(|s| self.distributed(s)) && matches!(v.rows, Rows::Axis { axis: 0, step: Some(1), .. })
                        });
                    // The arrays the call reads, for the performance model's cache reuse.
                    self.library_operands(env, func, args, by_rows);
                    if matrices && !by_rows && self.split_inner(func, env, args) {
                        self.write(env, *dst, None);
                        self.current = caller;
                        continue;
                    }
                    let result = match (op, &arg0) {
                        (LibraryOp::Copy, Some(v)) if v.site().is_some_and(|s| self.distributed(s)) && matches!(v.rows, Rows::Axis { axis: 0, step: Some(1), .. }) => {
                            let src = v.site().unwrap_or(0);
                            let name = place_name(self.module, func, *dst);
                            let key = self.current;
                            let site = match self.site_of_copy.get(&key) {
                                Some(&site) => site,
                                None => {
                                    let shape = self.sites[src].shape.clone();
                                    let site = self.new_site(name, &ty, shape, key, false);
                                    self.site_of_copy.insert(key, site);
                                    site
                                }
                            };
                            self.sites[site].copy_of = Some(src);
                            // The runtime lines a copy up with its source.
                            self.sites[site].along = Some(Some(0));
                            let template = self.template_start(
                                v,
                                self.sites[src].ndim.min(ty_ndim(&ty)),
                                ty_ndim(&ty),
                            );
                            self.sites[site].template = Some(template.unwrap_or((site, None)));
                            self.valid.insert(site, false);
                            // A copy held whole (forced so) gathers its split source.
                            if !self.distributed(site) {
                                self.gather(v, "a copy held whole on every rank");
                            }
                            Some(AVal { sites: BTreeSet::from([site]), rows: Rows::Axis { axis: 0, start: Some(0), step: Some(1) } })
                        }
                        // `A @ b` with `A` split by rows: each rank multiplies its own rows of
                        // `A` by the whole of `b` into its own rows of the result, which lies
                        // beside `A`'s rows.
                        // `np.diag(A)` with `A` split by rows: each rank copies the elements
                        // of its own rows into its own rows of the result, which lies beside them.
                        (LibraryOp::Diagonal { k }, Some(v))
                            if ty_ndim(&func.expr_type(args[0])) == 2
                                && v.site().is_some_and(|s| self.distributed(s))
                                && matches!(v.rows, Rows::Axis { axis: 0, step: Some(1), .. }) =>
                        {
                            self.transfer(v, "Diagonal runs on the host");
                            Some(self.beside_rows(func, v, *dst, (-*k).max(0)))
                        }
                        (LibraryOp::MatMul { .. }, Some(v)) if by_rows => {
                            // Float products run where they lie on a GPU (cuBLAS); `b` is gathered through the host.
                            if !ty.dtype().is_some_and(|d| d.is_float()) {
                                self.transfer(v, "MatMul runs on the host");
                            }
                            if let Some(b) = args.get(1).and_then(|&b| self.read(env, func, b)) {
                                // Split over ranks, `b` is gathered through the host; whole, it
                                // stays where it lies.
                                if b.sites.iter().any(|&s| self.distributed(s)) {
                                    self.transfer(&b, "gathered through the host, on several ranks, for a product split by rows");
                                }
                                self.gather(&b, "the right operand of a product split by rows");
                            }
                            Some(self.beside_rows(func, v, *dst, 0))
                        }
                        _ => {
                            let values: Vec<AVal> = args.iter().filter_map(|&a| self.read(env, func, a)).collect();
                            // A float product of whole arrays runs on the GPU (cuBLAS) where it lies.
                            let on_device = matrices
                                && ty.dtype().is_some_and(|d| d.is_float())
                                && !values.iter().any(|v| v.sites.iter().any(|&s| self.distributed(s)));
                            let name = match op {
                                LibraryOp::MatMul { stacked: true } if !matrices => "MatMul of stacks of matrices".to_string(),
                                LibraryOp::MatMul { .. } if !matrices => "MatMul of N-D operands".to_string(),
                                LibraryOp::MatMul { .. } => "MatMul".to_string(),
                                other => format!("{other:?}"),
                            };
                            for v in &values {
                                if !on_device {
                                    self.transfer(v, &format!("{name} runs on the host"));
                                }
                                self.gather(v, &format!("{name} has no distributed version"));
                            }
                            None
                        }
                    };
                    self.write(env, *dst, result);
                }
                StmtKind::Runtime { func: ir::EntryPoint::MaskGet, args, dst: Some(dst) } if self.split_site(func, args, *dst, 1).is_some() => {
                    let v = self.mask_split(func, env, args, *dst);
                    self.write(env, *dst, v);
                }
                StmtKind::Runtime { func: ir::EntryPoint::Gather, args, dst: Some(dst) }
                    if args.get(1).is_some_and(|&i| ty_ndim(&func.expr_type(i)) == 1) && self.split_site(func, args, *dst, 1).is_some() =>
                {
                    let v = self.gather_split(func, env, args, *dst);
                    self.write(env, *dst, v);
                }
                StmtKind::Runtime { func: name, args, dst } => {
                    let is_fill = matches!(name, ir::EntryPoint::RandomFill | ir::EntryPoint::RandomFillInt | ir::EntryPoint::RandomFillDiscrete);
                    for (position, &a) in args.iter().enumerate() {
                        if let Some(v) = self.read(env, func, a) {
                            if *name == ir::EntryPoint::ArrayTranspose && position == 0 {
                                // A view with its axes permuted: nothing moves.
                            } else if is_fill && position == 2 && self.fill_split(func, args, &v) {
                                // Each rank draws the rows it stores (see `fill_split`).
                            } else if *name == ir::EntryPoint::ArrayTranspose {
                                self.force_replicated(&v, "a list of axes");
                            } else if *name == ir::EntryPoint::ArrayReshape && position > 0 {
                                self.force_replicated(&v, "a shape argument");
                            } else if *name == ir::EntryPoint::ArrayReshape {
                                self.force_replicated(&v, "reshaped (a reshape mixes rows)");
                            } else if *name == ir::EntryPoint::ArrayPart && position == 0 {
                                self.force_replicated(&v, "its real or imaginary parts are viewed");
                            } else if *name == ir::EntryPoint::ArrayPart {
                                // The flag choosing the part: a scalar.
                            } else if matches!(name, ir::EntryPoint::ListPushA | ir::EntryPoint::ListSetA) {
                                // A list holds the array itself (a later change to it shows
                                // in the list), read whole wherever the list is.
                                self.force_replicated(&v, "held in a list");
                            } else if *name == ir::EntryPoint::FramePush {
                                self.frame_operands.push(v);
                            } else {
                                let op = name.name().trim_start_matches("lt_");
                                self.transfer(&v, &format!("`{op}` runs on the host"));
                                self.gather(&v, &format!("`{op}` has no distributed version"));
                            }
                        }
                    }
                    if matches!(name, ir::EntryPoint::FrameRun | ir::EntryPoint::FrameText) {
                        // The operation reads what was pushed for it: split over the ranks
                        // where it can be (`runtime_abi::frame_spec::splits`), else gathered whole on every rank.
                        let spec = args.first().and_then(|&spec| frame_spec(func, spec)).unwrap_or_default();
                        let op = spec.first().cloned().unwrap_or_else(|| "frame_run".to_string());
                        let operands = std::mem::take(&mut self.frame_operands);
                        // A file read splits whatever its operands (it has no array operand).
                        let reads = *name == ir::EntryPoint::FrameRun && runtime_abi::frame_spec::reads_split(&spec);
                        let split = reads
                            || (*name == ir::EntryPoint::FrameRun
                                && runtime_abi::frame_spec::splits(&spec)
                                && operands.iter().any(|v| v.sites.iter().any(|&s| self.distributed(s))));
                        if reads {
                            self.event(Comm::ReadSplit);
                        }
                        self.frame_split = split.then_some(None);
                        self.frame_results = (spec.clone(), 0);
                        for v in operands {
                            self.transfer(&v, &format!("`{op}` runs on the host"));
                            if split {
                                for &s in &v.sites {
                                    if self.distributed(s) {
                                        self.event(Comm::Shuffle { array: ArrayId(s as u32) });
                                    }
                                }
                            } else {
                                self.gather(&v, &format!("`{op}` has no distributed version"));
                            }
                        }
                    }
                    if *name == ir::EntryPoint::FramePush {
                        self.frame_split = None;
                    }
                    let popped_split = *name == ir::EntryPoint::FramePop && {
                        let (spec, popped) = &mut self.frame_results;
                        *popped += 1;
                        runtime_abi::frame_spec::result_split(spec, *popped - 1)
                    };
                    if let (true, Some(dst), Some(first)) = (popped_split, dst, self.frame_split) {
                        let v = self.frame_result(func, *dst, first);
                        self.write(env, *dst, Some(v));
                        self.current = caller;
                        continue;
                    }
                    if let Some(dst) = dst {
                        let v = if *name == ir::EntryPoint::ArrayReshape || *name == ir::EntryPoint::ArrayTranspose || *name == ir::EntryPoint::ArrayPart {
                            // `a.T` (no axes given) reverses the axes; where the axes come
                            // from a list, where the rows go is not known here.
                            let reversed = *name == ir::EntryPoint::ArrayTranspose
                                && args.get(1).is_some_and(|&axes| Self::static_extent0(self.module, func, axes) == Some(0));
                            let ndim = args.first().map_or(0, |&a| ty_ndim(&func.expr_type(a)));
                            args.first().and_then(|&a| self.read(env, func, a)).map(|v| {
                                let rows = match v.rows {
                                    Rows::Axis { axis, start, step } if reversed && axis < ndim => {
                                        Rows::Axis { axis: ndim - 1 - axis, start, step }
                                    }
                                    Rows::Fixed(row) if reversed => Rows::Fixed(row),
                                    _ => Rows::Unknown,
                                };
                                AVal { sites: v.sites, rows }
                            })
                        } else {
                            None
                        };
                        self.write(env, *dst, v);
                    }
                }
                StmtKind::Call { func: callee, args, results } => {
                    // A function calling itself: its inner calls' results are not known here
                    // (each recursion level evaluated again would cost the body twice per
                    // level for a function calling itself twice).
                    if self.active.contains(callee) {
                        // A call of a function being evaluated (it calls itself): its
                        // arguments join those of the next walk of its body, its results are
                        // what its latest walk returned (`summaries`).
                        let f = &self.module.functions[*callee];
                        let mut passed = Env::new();
                        for (&param, &arg) in f.params.iter().zip(args) {
                            if let Some(v) = self.read(env, func, arg) {
                                passed.insert(Place::Local(param), v);
                            }
                        }
                        let joined = join(self.recursive_args.get(callee).unwrap_or(&Env::new()), &passed);
                        self.recursive_args.insert(*callee, joined);
                        let values = self.summaries.get(callee).cloned().unwrap_or_default();
                        for (i, &r) in results.iter().enumerate() {
                            self.write(env, r, values.get(i).cloned().flatten());
                        }
                    } else if self.depth < 16 {
                        let f = &self.module.functions[*callee];
                        let mut callee_env = Env::new();
                        for (&param, &arg) in f.params.iter().zip(args) {
                            if let Some(v) = self.read(env, func, arg) {
                                callee_env.insert(Place::Local(param), v);
                            }
                        }
                        self.depth += 1;
                        self.active.push(*callee);
                        // A function that calls itself: walked without recording until the
                        // results its own calls see are those it returns, then once recorded
                        // (as a loop is).
                        if calls_itself(*callee, &f.body) {
                            let saved = self.record;
                            self.record = false;
                            self.summaries.remove(callee);
                            self.recursive_args.remove(callee);
                            for _ in 0..STEADY_WALKS {
                                let before = self.recursive_args.get(callee).cloned().unwrap_or_default();
                                let values = self.block(*callee, f, &mut join(&callee_env, &before), &f.body);
                                let after = self.recursive_args.get(callee).cloned().unwrap_or_default();
                                let steady = self.summaries.get(callee) == Some(&values) && after == before;
                                self.summaries.insert(*callee, values);
                                if steady {
                                    break;
                                }
                            }
                            self.record = saved;
                            callee_env = join(&callee_env, self.recursive_args.get(callee).unwrap_or(&Env::new()));
                        }
                        let values = self.block(*callee, f, &mut callee_env, &f.body);
                        self.active.pop();
                        self.depth -= 1;
                        for (i, &r) in results.iter().enumerate() {
                            self.write(env, r, values.get(i).cloned().flatten());
                        }
                    }
                }
                StmtKind::If {
                    then_body,
                    else_body,
                    ..
                } => {
                    let mut then_env = env.clone();
                    let globals_before = self.globals.clone();
                    let r1 = self.block(func_id, func, &mut then_env, then_body);
                    let then_globals = std::mem::replace(&mut self.globals, globals_before);
                    let mut else_env = env.clone();
                    let r2 = self.block(func_id, func, &mut else_env, else_body);
                    *env = join(&then_env, &else_env);
                    self.globals = join(&then_globals, &self.globals);
                    returned = join_returns(returned, join_returns(r1, r2));
                }
                StmtKind::For { body, .. } | StmtKind::Loop { body } => {
                    // Walks without recording until the loop's steady state (what every
                    // variable may be bound to at the top of an iteration: `prev = cur; cur
                    // = nxt.copy()` binds `prev` to the copy only from the third iteration
                    // on), then one recorded iteration.
                    let index = self.loops.len();
                    self.loops.push(LoopComm { stmt: self.current, events: Vec::new() });
                    let saved = self.record;
                    self.record = false;
                    for _ in 0..STEADY_WALKS {
                        let mut walked = env.clone();
                        self.block(func_id, func, &mut walked, body);
                        let joined = join(env, &walked);
                        let steady = joined == *env;
                        *env = joined;
                        if steady {
                            break;
                        }
                    }
                    self.record = saved;
                    self.recording.push(index);
                    let mut second_env = env.clone();
                    let r = self.block(func_id, func, &mut second_env, body);
                    self.recording.pop();
                    *env = join(env, &second_env);
                    returned = join_returns(returned, r);
                }
                StmtKind::Return { values } => {
                    let values = values.iter().map(|&v| self.read(env, func, v)).collect();
                    returned = join_returns(returned, values);
                }
                StmtKind::Print { args, .. } => {
                    for &a in args {
                        if let Some(v) = self.read(env, func, a) {
                            self.transfer(&v, "printed");
                            self.gather(&v, "printed");
                        }
                    }
                }
                _ => {}
            }
            self.current = caller;
        }
        returned
    }

    /// Element reads (`a[i, j]`, broadcast by their owner) and formatted arrays (gathered) in the tree of `e`.
    fn scan_expr(&mut self, func: &ir::Function, env: &Env, e: ExprId) {
        match &func.exprs[e] {
            Expr::GetItem(a, _) => {
                if let Some(v) = self.read(env, func, *a) {
                    self.transfer(&v, "element read");
                    for site in v
                        .sites
                        .iter()
                        .copied()
                        .filter(|&s| self.distributed(s))
                        .collect::<Vec<_>>()
                    {
                        self.event(Comm::Broadcast {
                            array: ArrayId(site as u32),
                        });
                    }
                }
            }
            Expr::Format(a, _) => {
                if let Some(v) = self.read(env, func, *a) {
                    self.transfer(&v, "formatted");
                    self.gather(&v, "formatted");
                }
            }
            _ => {}
        }
        for c in func.exprs[e].children() {
            self.scan_expr(func, env, c);
        }
    }
}

/// Names the frontend gives its temporaries (`t12`).
fn is_temporary(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name);
    last.len() > 1 && last.starts_with('t') && last[1..].chars().all(|c| c.is_ascii_digit())
}

fn ty_ndim(ty: &Type) -> usize {
    match ty {
        Type::Array { ndim, .. } => *ndim,
        _ => 0,
    }
}


/// The fields of a dataframe operation's constant spec (`runtime_abi::frame_spec`).
fn frame_spec(func: &ir::Function, spec: ExprId) -> Option<Vec<String>> {
    match &func.exprs[spec] {
        Expr::Const(ir::Const::Str(text)) => runtime_abi::frame_spec::decode(text).ok(),
        _ => None,
    }
}

/// The values a function may return, from two paths (either may have returned nothing).
fn join_returns(a: Vec<Option<AVal>>, b: Vec<Option<AVal>>) -> Vec<Option<AVal>> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    a.into_iter()
        .zip(b)
        .map(|(x, y)| match (x, y) {
            (Some(x), Some(y)) => Some(AVal {
                sites: x.sites.union(&y.sites).copied().collect(),
                rows: if x.rows == y.rows { x.rows } else { Rows::Unknown },
            }),
            (x, y) => x.or(y),
        })
        .collect()
}

/// The most unrecorded walks of a loop body before its recorded one: each walk follows a
/// chain of rebindings (`a = b; b = c; c = new`) one assignment further, until the bindings
/// stop growing. A chain longer than this is not followed to its end: what the runtime then
/// communicates beyond the plan, `LEGATEC_CHECK_PLAN=1` reports as a compiler bug.
const STEADY_WALKS: usize = 8;

/// Whether a function body calls the function itself.
fn calls_itself(fid: FuncId, body: &[ir::Stmt]) -> bool {
    let mut found = false;
    ir::walk_stmts(body, &mut |s| found |= matches!(&s.kind, StmtKind::Call { func, .. } if *func == fid));
    found
}

fn join(a: &Env, b: &Env) -> Env {
    let mut out = Env::new();
    for (place, va) in a {
        if let Some(vb) = b.get(place) {
            let sites: BTreeSet<usize> = va.sites.union(&vb.sites).copied().collect();
            let rows = if va.rows == vb.rows { va.rows.clone() } else { Rows::Unknown };
            out.insert(*place, AVal { sites, rows });
        } else {
            out.insert(*place, va.clone());
        }
    }
    for (place, vb) in b {
        out.entry(*place).or_insert_with(|| vb.clone());
    }
    out
}

fn place_name(module: &Module, func: &ir::Function, place: Place) -> String {
    match place {
        Place::Local(v) => {
            let name = &func.locals[v].name;
            if func.name == "__main__" { name.clone() } else { format!("{}.{name}", func.name) }
        }
        Place::Global(g) => module.globals[g].name.clone(),
    }
}

/// Analyses the module: which arrays are distributed, their alignment and halo widths,
/// what each statement may communicate, and the communication of every loop.
pub fn analyze(module: &Module) -> Plan {
    let mut replicated = BTreeMap::new();
    let main_ref = StmtRef { func: module.main, stmt: ir::StmtId::NEW };
    // Round one finds the arrays forced to be replicated; round two analyses the rest.
    for round in 0..2 {
        let mut analysis = Analysis {
            module,
            sites: Vec::new(),
            site_of_alloc: HashMap::new(),
            site_of_copy: HashMap::new(),
            current: main_ref,
            comm: BTreeMap::new(),
            valid: HashMap::new(),
            globals: Env::new(),
            replicated: replicated.clone(),
            loops: Vec::new(),
            recording: Vec::new(),
            record: true,
            outside: Vec::new(),
            transfers: Vec::new(),
            fills: Vec::new(),
            depth: 0,
            active: Vec::new(),
            summaries: HashMap::new(),
            recursive_args: HashMap::new(),
            frame_operands: Vec::new(),
            frame_split: None,
            frame_results: (Vec::new(), 0),
            launches: BTreeMap::new(),
        };
        let main = &module.functions[module.main];
        let mut env = Env::new();
        analysis.block(module.main, main, &mut env, &main.body);
        if round == 0 {
            replicated = analysis.replicated.clone();
            continue;
        }
        let mut sites = analysis.sites;
        for site in sites.iter_mut() {
            if let Some(why) = analysis.replicated.get(&(site.origin, site.nth)) {
                site.replicated = Some(why.clone());
            }
        }
        // A copy gets its source's ghost rows at run time: arrays joined by copies share the
        // widest halo. Copies in a loop can form cycles (`A = A.copy()` copies its own
        // site), so the groups are the connected parts of the copy relation.
        let mut group: Vec<usize> = (0..sites.len()).collect();
        fn find(group: &mut [usize], mut s: usize) -> usize {
            while group[s] != s {
                group[s] = group[group[s]];
                s = group[s];
            }
            s
        }
        for site in 0..sites.len() {
            if let Some(src) = sites[site].copy_of {
                let (a, b) = (find(&mut group, site), find(&mut group, src));
                group[a.max(b)] = a.min(b);
            }
        }
        for site in 0..sites.len() {
            let root = find(&mut group, site);
            let (lo, hi) = sites[site].halo;
            sites[root].halo.0 = sites[root].halo.0.max(lo);
            sites[root].halo.1 = sites[root].halo.1.max(hi);
        }
        for site in 0..sites.len() {
            let root = find(&mut group, site);
            sites[site].halo = sites[root].halo;
        }
        let arrays = sites
            .iter()
            .enumerate()
            .map(|(i, site)| {
                let layout = match (&site.replicated, site.ndim) {
                    (Some(why), _) => Layout::Replicated { why: Some(why.clone()) },
                    (None, 0) => Layout::Replicated { why: None },
                    (None, _) => Layout::Rows {
                        halo: (site.halo.0.max(0) as u32, site.halo.1.max(0) as u32),
                        template: match site.template {
                            Some((root, offset)) if root != i => Template::Aligned { with: ArrayId(root as u32), offset },
                            _ if site.var_rows => Template::Var,
                            _ => Template::Own,
                        },
                        along: site.along.flatten(),
                    },
                };
                ArrayPlan {
                    name: site.name.clone(),
                    ndim: site.ndim,
                    item: site.item,
                    shape: site.shape.clone(),
                    origin: site.origin,
                    layout,
                    copy_of: site.copy_of.map(|c| ArrayId(c as u32)),
                }
            })
            .collect();
        let comm = analysis.comm.into_iter().map(|(stmt, set)| (stmt, set.into_iter().collect())).collect();
        let loops = analysis
            .loops
            .into_iter()
            .filter(|l| !l.events.is_empty())
            .map(|l| LoopPlan { stmt: l.stmt, events: l.events })
            .collect();
        let transfers = analysis
            .transfers
            .into_iter()
            .map(|t| ir::Transfer { array: ArrayId(t.site as u32), stmt: t.stmt, why: t.why, in_loop: t.in_loop })
            .collect();
        return Plan { arrays, comm, loops, outside: analysis.outside, transfers, fills: analysis.fills, launches: analysis.launches };
    }
    Plan::default()
}

/// The `partition` pass: writes the module's distribution plan.
pub fn partition(module: &mut Module) {
    module.plan = Some(analyze(module));
    module.stage = ir::Stage::Distributed;
}
