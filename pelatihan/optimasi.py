"""Budget optimiser: which planned events to fund, and whom to seat in them, so that the most
ASN below their JP target reach it within the budget.

Pure computation on plain dataclasses (no models, no queries): the planned events, the ASN with
their JP of this year and their competency gaps, and the budget come in; the choice, with a
reason for everything left out, comes out. Solved as mixed-integer programmes by HiGHS
(``highspy``).

What is optimised
-----------------

Only ASN below their target are candidates (a seat for someone at target adds nothing). An ASN
``i`` short of ``s_i`` JP reaches the target through seats in funded events open to its OPD whose
JP add up to at least ``s_i`` (one seat per event). The budget is per ``sumber_dana`` or one
total; an event costs ``biaya_tetap`` once funded plus ``biaya_per_peserta`` per seat. Seats:
``kapasitas`` per event and ``kursi_per_opd`` per OPD.

Lexicographically, each step among the optima of the one before:

1. the most ASN reaching their target (``status`` OPTIMAL when proven);
2. the largest gap weight of the ASN reached, ``Σ G_i``, where ``G_i`` is the sum of the ASN's
   competency gaps (standard − assessed level, positive part) in the competencies targeted by
   the candidate events open to its OPD (``prioritas_terbukti`` when proven, else
   ``batas_bobot_kesenjangan`` bounds what any plan could reach);
3. the lowest cost (``biaya_minimal`` when proven).

``nilai_tujuan`` reports steps 1 and 2 as one number, ``D · reached + Σ G_i`` with ``D = 1 + Σ_i
G_i`` over all candidates, so that all gap weights together stay below one ASN.

Step 1 is what the 10-second goal is about (``bench/optimasi_anggaran.py``, 200 events and 5,000
ASN on a shared two-core machine): proven in 1.5–8 s on most generated plans, while on some HiGHS
ends at the limit with its best plan and a gap of one or two ASN (0.03–0.06 %). Its time depends
much on the path its search happens to take (for one plan 5 to 38 s across settings and seeds),
so with two cores two runs with different random seeds go side by side and the first to finish
wins. What made the default plan provable in time are the dominance rows (see ``_dominasi``): 16
to 20 s without them, 5 to 8 s with. Steps 2 and 3 then get the time that is left, each starting
from the last solution. Step 2 first re-seats within the events step 1 funds (``_kursi_terbaik``,
proven in about a second), then searches the whole model. At city scale its bound is tight — the
LP bound is within 0.1 % of the best plan, and the plan with step 1's events already within 0.02 %
of the bound after minutes of search — but many funding choices come within a few units of it,
so the proof is out of reach in seconds: the result then gives HiGHS's bound
(``batas_bobot_kesenjangan``, 0.07–0.11 % above the plan on the benchmark's five plans).
HiGHS does not always look at its clock (a round of cuts at the root of step 2 can take seconds
past a one-second limit), so those steps run in a thread that the call leaves behind at its limit
(``_run_sampai``): the call returns in time whatever HiGHS does. Reached ASN with the largest
``G`` within one class come first in any case.

The formulation
---------------

A direct model with a binary per (event, ASN) pair has some 376,000 binaries at city scale (200
events × 3,700 ASN below target): HiGHS needs 18 s for its presolve alone and finds no solution in
a minute. The model works on classes of interchangeable ASN instead, and is exact for the
objectives above:

- class: OPD ``o`` and shortfall band ``p`` — the smallest sum of JP of distinct events open to
  the OPD that reaches the shortfall (with events of 8, 12, 16 … JP, shortfalls 13–16 are one
  class: a set of seats covers any of them exactly when it covers 16). Its members are ordered by
  ``G``: whoever of them is reached, the best are those with the largest ``G`` (variables ``zg``
  per distinct ``G``, continuous, summing to the members reached);
- a member is reached by a *single* seat in an event of at least ``p`` JP, or by a *type*: a
  minimal multiset of the JP values of smaller events whose sum reaches ``p`` (e.g. 8 + 12 for
  20; every cover contains a minimal one, and extra seats only cost). Integer variables:
  ``b[o,p]`` members reached by a single seat, ``w[o,p,t]`` members reached by type ``t``;
- seats per (OPD, event): ``NB[o,e]`` single seats, ``NS[o,e]`` seats within types. Single seats
  of an event open to several OPDs without a seat cap of their own go through a pool per (JP,
  those OPDs) instead, split among the OPDs (nothing tells those seats apart);
- single seats: a member short of ``p`` can use any event of at least ``p`` JP, so the sets of
  usable events are nested and Hall's condition is one row per threshold ``σ``:
  ``Σ_{p ≥ σ} b[o,p] ≤ Σ_{jp_e ≥ σ} NB[o,e]`` (plus the OPD's shares of pools of ≥ σ JP);
- types: per OPD and JP value ``v``, the seats in events of value ``v`` equal the copies of ``v``
  the types need, and — a member takes each event once — the Gale–Ryser condition: for ``k = 1 …
  M−1`` (``M`` the most copies of ``v`` in a type) the ``k`` events with the most seats have at
  most ``Σ_{j ≤ k} W_j`` seats, ``W_j`` = members needing at least ``j`` copies (``k = 1``: one row
  per event; ``k ≥ 2``: the linear form of a sum of the ``k`` largest, ``k·t + Σ_e u_e`` with
  ``u_e ≥ NS_e − t``, ``u_e ≥ 0``);
- an event at least as good as another in every respect (same source, JP, seats, costs,
  competencies) is funded whenever the other is: rows ``y_e ≤ y_f`` that keep every optimum
  (``_dominasi``) and spare the search the plans that differ only by such a swap;
- per event ``Σ seats ≤ min(kapasitas, candidates) · y_e`` (``y_e`` binary: funded), and per
  (OPD, event) ``seats ≤ min(kursi_per_opd, candidates) · y_e`` — implied for integers, but it
  tightens the LP bound; per source ``Σ biaya_tetap · y + biaya_per_peserta · seats ≤
  anggaran``, in thousands of Rupiah (exact below a sen, and well scaled for the solver).

A solution becomes seats per ASN constructively — Hall: highest shortfall first, any event of
enough JP; Gale–Ryser: each event, most seats first, to the members still needing the most
copies — so every class count is met by real people; where the choice is free, an ASN gets the
event that targets more of its gaps.

Exactness: the objectives of steps 1 and 2 have integer coefficients, so they stop at an absolute
gap below 1, which is proof (``mip_rel_gap`` 0); step 3 at half a Rupiah. If step 1 runs out of
time, the status says so with the gap. Every solution is checked again (JP, seats, budget in
Rupiah) when it is turned into seats per ASN.

Not done: a gap weight per (event, ASN) pair ("does this event target this ASN's gaps?") needs
the pair variables again; it only guides the seating, as said above.

Reasons
-------

Every event not funded and every ASN below target not reached gets a reason in Indonesian,
derived from the solution: no candidates, no or too small a budget, candidates already reached,
remaining budget too small (with its cost per ASN against the chosen events'), chosen events
full. Reasons that rest on the number reached being maximal ("… tidak muat dalam sisa
anggaran") are only given when step 1 is proven; otherwise the reason says the time limit was
reached.
"""

from __future__ import annotations

import dataclasses
import enum
import math
import os
import threading
import time
from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import highspy
import numpy as np
from django.utils.translation import gettext as _

from pelatihan.models import format_rupiah

BATAS_WAKTU_BAWAAN = 10.0
# The key of the budget when it is one total for every event.
SEMUA_SUMBER = ""
# Money goes to the solver in thousands of Rupiah: the tolerance (1e-6) is then a thousandth of
# a Rupiah, below one sen, and the coefficients stay within a few orders of magnitude.
_SKALA_UANG = 1000.0
# Steps 2 and 3 only start with at least this much time left. Every step ends _CADANGAN before
# the limit: HiGHS overruns its own a little, and the reasons are still to be written.
_WAKTU_MINIMUM_LANGKAH = 0.2
_CADANGAN = 0.8
# HiGHS looks at its time limit between units of work: a run that ends a little after its
# limit is waited for this long before it is left behind (within _CADANGAN).
_TENGGANG = 0.3
# Step 1 runs these HiGHS settings side by side, as many as there are cores (see _langkah_1):
# two random seeds, which take the search down different paths (on five generated city plans,
# 5.3/4.7, 8.8/7.7, 12.3/8.8, 6.7/6.7 and 1.3/1.2 s alone). Settings tried before (more
# heuristic effort, lifting for probing) behave like the defaults once the dominance rows are in.
_PORTOFOLIO = ({}, {"random_seed": 1})


class StatusOptimasi(enum.StrEnum):
    OPTIMAL = "optimal"
    BATAS_WAKTU = "batas_waktu"
    TIDAK_LAYAK = "tidak_layak"

    @property
    def label(self) -> str:
        return {
            StatusOptimasi.OPTIMAL: _("Optimal"),
            StatusOptimasi.BATAS_WAKTU: _("Batas waktu tercapai (belum terbukti optimal)"),
            StatusOptimasi.TIDAK_LAYAK: _("Tidak layak"),
        }[self]


# ---------------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class AcaraKandidat:
    """A planned event that may be funded.

    ``kursi_per_opd`` caps the seats of an OPD, as ``KuotaOPD`` does: OPDs without an entry share
    whatever ``kapasitas`` leaves. ``opd_sasaran`` (None = all) says which OPDs the event is for;
    for a plan that gives seats only to the OPDs it lists, pass ``frozenset(kursi_per_opd)``.
    """

    id: Hashable
    nama: str
    jp: int
    biaya_tetap: Decimal
    biaya_per_peserta: Decimal
    sumber_dana: str
    kapasitas: int
    kursi_per_opd: Mapping[Hashable, int] = field(default_factory=dict)
    opd_sasaran: frozenset | None = None
    kompetensi: frozenset = frozenset()

    def kursi_untuk(self, opd_id) -> int:
        """Seats this event can give to ASN of ``opd_id`` at most."""
        if self.opd_sasaran is not None and opd_id not in self.opd_sasaran:
            return 0
        return max(0, min(self.kapasitas, self.kursi_per_opd.get(opd_id, self.kapasitas)))

    def biaya(self, peserta: int) -> Decimal:
        """Cost with ``peserta`` participants (nothing when nobody attends: not funded)."""
        return self.biaya_tetap + self.biaya_per_peserta * peserta if peserta else Decimal(0)


@dataclass(frozen=True, eq=False)
class AsnKandidat:
    """An ASN: JP of this year, the target, and ``gap`` = standard − assessed level per
    competency (positive = lacking; zero or negative gaps count for nothing)."""

    id: Hashable
    opd_id: Hashable
    jp_tahun_ini: int
    target_jp: int
    gap: Mapping[Hashable, int] = field(default_factory=dict)
    nama: str = ""

    @property
    def kekurangan_jp(self) -> int:
        return max(0, self.target_jp - self.jp_tahun_ini)


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KegiatanTerpilih:
    acara: AcaraKandidat
    peserta: tuple  # ASN ids
    kursi_per_opd: dict
    biaya: Decimal

    @property
    def jumlah_peserta(self) -> int:
        return len(self.peserta)


@dataclass(frozen=True)
class KegiatanTidakTerpilih:
    acara: AcaraKandidat
    alasan: str


@dataclass(frozen=True)
class HasilAsn:
    """One ASN below target: the events given, and whether the target is reached (else why).
    ``bobot_kesenjangan`` is its ``G`` (see the module docstring)."""

    asn: AsnKandidat
    acara_ids: tuple
    jp_tambahan: int
    tercapai: bool
    bobot_kesenjangan: int
    alasan: str = ""


@dataclass(frozen=True)
class HasilOptimasi:
    status: StatusOptimasi
    nilai_tujuan: int  # D · ASN reached + their gap weights (see the module docstring)
    jumlah_tercapai: int
    bobot_kesenjangan: int  # Σ G of the ASN reached
    terpilih: tuple[KegiatanTerpilih, ...]
    tidak_terpilih: tuple[KegiatanTidakTerpilih, ...]
    asn: tuple[HasilAsn, ...]  # every ASN below target, in input order
    sudah_memenuhi: tuple  # ids of ASN already at or above target: no seat
    anggaran: dict[str, Decimal]  # per source ("" = one total)
    biaya_per_sumber: dict[str, Decimal]
    prioritas_terbukti: bool  # step 2 proven: the largest gap weights among the optima
    # No plan reaching as many ASN has a larger Σ G than this (equal to ``bobot_kesenjangan`` when
    # step 2 is proven; None when step 2 did not run).
    batas_bobot_kesenjangan: int | None
    biaya_minimal: bool  # step 3 proven: the lowest cost among those
    celah_mip: float  # relative gap of step 1 (0 when optimal)
    detik_bangun: float
    detik_solve: float
    detik_langkah: tuple[float, ...]  # seconds of each solver step run (1, 2, 3)
    jumlah_variabel: int
    jumlah_baris: int

    @property
    def total_biaya(self) -> Decimal:
        return sum(self.biaya_per_sumber.values(), Decimal(0))

    @property
    def sisa_per_sumber(self) -> dict[str, Decimal]:
        return {s: b - self.biaya_per_sumber.get(s, Decimal(0)) for s, b in self.anggaran.items()}

    @property
    def belum_tercapai(self) -> tuple[HasilAsn, ...]:
        return tuple(h for h in self.asn if not h.tercapai)


# ---------------------------------------------------------------------------------------------
# The optimiser
# ---------------------------------------------------------------------------------------------


def anggaran_optimize(
    *,
    acara: list[AcaraKandidat],
    asn: list[AsnKandidat],
    anggaran: Decimal | Mapping[str, Decimal],
    batas_waktu: float = BATAS_WAKTU_BAWAAN,
    minimalkan_biaya: bool = True,
    nama_sumber: Mapping[str, str] | None = None,
) -> HasilOptimasi:
    """Choose the events to fund and the ASN to seat (see the module docstring).

    ``anggaran``: one total for all events, or an amount per ``sumber_dana`` (a source that is
    not named has no budget). ``batas_waktu``: seconds for the whole call. ``nama_sumber``: how
    the reasons name a ``sumber_dana`` ("APBK (APBD Kota)" for "apbk"); a source not in it is
    named by its key.
    """
    mulai = time.perf_counter()
    model = _Model(acara, asn, anggaran, nama_sumber)
    detik_bangun = time.perf_counter() - mulai
    mulai_solve = time.perf_counter()
    solusi = model.solve(batas_waktu=batas_waktu - detik_bangun, minimalkan_biaya=minimalkan_biaya)
    detik_solve = time.perf_counter() - mulai_solve
    return model.hasil(solusi, detik_bangun=detik_bangun, detik_solve=detik_solve)


def tipe_minimal(kurang: int, tersedia: Mapping[int, int]) -> list[tuple[int, ...]]:
    """Every minimal multiset of JP values (value → how many distinct events have it) whose sum
    reaches ``kurang``: dropping any element would fall short. Largest values first."""
    nilai = sorted((v for v, n in tersedia.items() if 0 < v < kurang and n > 0), reverse=True)
    hasil: list[tuple[int, ...]] = []

    def cari(j: int, sisa: int, pilihan: tuple[int, ...]) -> None:
        if j == len(nilai):
            return
        v = nilai[j]
        for k in range(min(tersedia[v], -(-sisa // v)), -1, -1):
            if k and k * v >= sisa:
                # v is the smallest element: minimal iff dropping one v falls short.
                if (k - 1) * v < sisa:
                    hasil.append(pilihan + (v,) * k)
            else:
                cari(j + 1, sisa - k * v, pilihan + (v,) * k)

    cari(0, kurang, ())
    return hasil


@dataclass
class _Solusi:
    status: StatusOptimasi
    pe: np.ndarray  # event index per seat
    pi: np.ndarray  # ASN index per seat
    celah: float
    prioritas_terbukti: bool
    biaya_minimal: bool
    detik_langkah: list[float] = field(default_factory=list)  # seconds of each step run
    batas_bobot: int | None = None  # no plan reaching as many has a larger Σ G (None: unknown)


class _HighsSenyap(highspy.Highs):
    """HiGHS without its banner. ``Highs.__init__`` enables the callbacks, which prints "Running
    HiGHS …" to stdout unless output is already off: in the middle of a command's JSON, say."""

    def enableCallbacks(self):
        self.setOptionValue("output_flag", False)
        super().enableCallbacks()


class _Lp:
    """Columns and rows of a model, gathered in lists and passed to HiGHS in one go."""

    def __init__(self):
        self.lower, self.upper, self.cost, self.integer = [], [], [], []
        self.r_lo, self.r_up, self.r_idx, self.r_val = [], [], [], []

    def kolom(self, lower: float, upper: float, cost: float = 0.0, integer: bool = True) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.cost.append(cost)
        self.integer.append(integer)
        return len(self.lower) - 1

    def baris(self, lower: float, upper: float, idx: list[int], val: list[float]) -> None:
        if idx:
            self.r_lo.append(lower)
            self.r_up.append(upper)
            self.r_idx.append(idx)
            self.r_val.append(val)

    def highs_lp(self) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.lower)
        lp.num_row_ = len(self.r_lo)
        lp.col_cost_ = np.array(self.cost, dtype=np.float64)
        lp.col_lower_ = np.array(self.lower, dtype=np.float64)
        lp.col_upper_ = np.array(self.upper, dtype=np.float64)
        lp.row_lower_ = np.array(self.r_lo, dtype=np.float64)
        lp.row_upper_ = np.array(self.r_up, dtype=np.float64)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        panjang = np.array([len(i) for i in self.r_idx], dtype=np.int64)
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(panjang)]).astype(np.int32)
        if self.r_idx:
            lp.a_matrix_.index_ = np.concatenate(self.r_idx).astype(np.int32)
            lp.a_matrix_.value_ = np.concatenate(self.r_val).astype(np.float64)
        return lp


class _Model:
    def __init__(self, acara, asn, anggaran, nama_sumber=None):
        self.acara = list(acara)
        self.nama_sumber = dict(nama_sumber or {})
        self.semua_asn = list(asn)
        for a in self.acara:
            if a.jp < 0 or a.kapasitas < 0 or a.biaya_tetap < 0 or a.biaya_per_peserta < 0:
                raise ValueError(f"Data kegiatan {a.nama!r} tidak boleh negatif.")
        if isinstance(anggaran, Mapping):
            self.anggaran = {s: Decimal(b) for s, b in anggaran.items()}
            self.per_sumber = True
        else:
            self.anggaran = {SEMUA_SUMBER: Decimal(anggaran)}
            self.per_sumber = False
        if any(b < 0 for b in self.anggaran.values()):
            raise ValueError("Anggaran tidak boleh negatif.")
        self._siapkan()
        self._bangun()
        # A step that HiGHS did not end by the limit still runs in a thread: no later step.
        self.terlambat = False

    def sumber(self, a: AcaraKandidat) -> str:
        return a.sumber_dana if self.per_sumber else SEMUA_SUMBER

    def nama(self, sumber: str) -> str:
        return self.nama_sumber.get(sumber, sumber)

    # -- the people and the events, as arrays ---------------------------------------------------

    def _siapkan(self) -> None:
        acara = self.acara
        E = len(acara)
        self.asn = [a for a in self.semua_asn if a.kekurangan_jp > 0]
        N = len(self.asn)
        self.kurang = np.array([a.kekurangan_jp for a in self.asn], dtype=np.int64)
        self.opd_ids = list(dict.fromkeys(a.opd_id for a in self.asn))
        opd_index = {o: j for j, o in enumerate(self.opd_ids)}
        self.opd_asn = np.array([opd_index[a.opd_id] for a in self.asn], dtype=np.int64)
        self.jp = np.array([a.jp for a in acara], dtype=np.int64)
        self.kapasitas = np.array([a.kapasitas for a in acara], dtype=np.int64)
        self.kursi = np.array(
            [[a.kursi_untuk(o) for o in self.opd_ids] for a in acara], dtype=np.int64
        ).reshape(E, len(self.opd_ids))
        # An event that cannot pay even one participant from its whole budget is never funded.
        self.terjangkau = np.array(
            [
                a.biaya_tetap + a.biaya_per_peserta <= self.anggaran.get(self.sumber(a), Decimal(0))
                for a in acara
            ],
            dtype=bool,
        ).reshape(E)
        # Open to the OPD of each ASN (whatever the budget): E × N.
        self.terbuka = (self.kursi[:, self.opd_asn] > 0) & (self.jp[:, None] > 0)

        kompetensi = list(dict.fromkeys(k for a in acara for k in sorted(a.kompetensi, key=str)))
        k_index = {k: j for j, k in enumerate(kompetensi)}
        self.sasaran = np.zeros((E, len(kompetensi)), dtype=bool)
        for e, a in enumerate(acara):
            for k in a.kompetensi:
                self.sasaran[e, k_index[k]] = True
        self.gap = np.zeros((N, len(kompetensi)), dtype=np.int64)
        for i, a in enumerate(self.asn):
            for k, g in a.gap.items():
                if g > 0 and k in k_index:
                    self.gap[i, k_index[k]] = g
        # G_i: gaps in the competencies targeted by the events open to the ASN.
        disasar = (self.terbuka.T.astype(np.int64) @ self.sasaran.astype(np.int64)) > 0
        self.bobot = (self.gap * disasar).sum(axis=1).astype(np.int64)
        self.D = int(self.bobot.sum()) + 1
        # Gap of each ASN in each event's competencies: which event to give whom when free.
        self.relevansi = self.gap @ self.sasaran.T.astype(np.int64)  # N × E

    # -- the class model -------------------------------------------------------------------------

    def _bangun(self) -> None:
        lp = _Lp()
        E = len(self.acara)
        self.y = [lp.kolom(0.0, 0.0) for _e in range(E)]
        kursi_kolom = defaultdict(list)  # (o, e) → seat columns
        self.kelas = {}  # (o, s) → class data
        self.opd_model = {}  # o → seat columns of the OPD
        self.bisa_tercapai = np.zeros(len(self.asn), dtype=bool)
        # Shortfall bands per OPD: a set of seats covers s JP exactly when its JP sum reaches the
        # smallest sum p ≥ s that the OPD's events can make at all, so ASN whose shortfalls share
        # that p are one class (with events of 8, 12, 16 … JP, shortfalls 13–16 are one class).
        self.kurang_kelas = np.zeros(len(self.asn), dtype=np.int64)
        self.zg_kolom, self.zg_bobot = [], []  # members reached per class and gap weight
        per_opd = defaultdict(list)
        for i in range(len(self.asn)):
            per_opd[int(self.opd_asn[i])].append(i)

        for o in range(len(self.opd_ids)):
            acara_o = [
                e for e in range(E) if self.kursi[e, o] > 0 and self.terjangkau[e] and self.jp[e]
            ]
            tersedia = defaultdict(int)
            for e in acara_o:
                tersedia[int(self.jp[e])] += 1
            # Every sum of distinct events' JP up to the largest shortfall plus the largest JP (a
            # minimal cover never passes that).
            batas = max((int(self.kurang[i]) for i in per_opd[o]), default=0)
            batas += max(tersedia, default=0)
            jumlah = np.zeros(batas + 1, dtype=bool)
            jumlah[0] = True
            for e in acara_o:
                v = int(self.jp[e])
                if v <= batas:
                    jumlah[v:] = jumlah[v:] | jumlah[:-v].copy()
            anggota = defaultdict(list)
            for i in per_opd[o]:
                s_i = int(self.kurang[i])
                p = np.nonzero(jumlah[s_i:])[0]
                if len(p):  # else no set of the events open to the OPD covers the shortfall
                    anggota[s_i + int(p[0])].append(i)
                    self.kurang_kelas[i] = s_i + int(p[0])
            kelas_o = {}
            for s in sorted(anggota):
                orang = sorted(anggota[s], key=lambda i: (-self.bobot[i], i))
                self.bisa_tercapai[orang] = True
                m = len(orang)
                tunggal = any(self.jp[e] >= s for e in acara_o)
                b = lp.kolom(0.0, m) if tunggal else None
                tipe = tipe_minimal(s, tersedia)
                w = [lp.kolom(0.0, m) for _t in tipe]
                zg = []
                for g in sorted({int(self.bobot[i]) for i in orang}, reverse=True):
                    n = sum(1 for i in orang if self.bobot[i] == g)
                    zg.append(lp.kolom(0.0, n, 1.0, integer=False))
                    self.zg_kolom.append(zg[-1])
                    self.zg_bobot.append(g)
                # Members reached = reached by a single seat + by each type.
                lp.baris(
                    0.0,
                    0.0,
                    zg + ([b] if b is not None else []) + w,
                    [1.0] * len(zg) + [-1.0] * (len(w) + (b is not None)),
                )
                kelas_o[s] = {"orang": orang, "b": b, "tipe": tipe, "w": w}
            if kelas_o:
                self.kelas.update({(o, s): k for s, k in kelas_o.items()})
                self.opd_model[o] = {"acara": acara_o, "kelas": kelas_o, "nb": {}, "ns": {}}

        # Single seats. ASN short of s can use a single seat in any event of at least s JP;
        # bisa[(o, e)]: the ASN of OPD o that could use one in event e.
        bisa_tunggal = {}
        for o, opd in self.opd_model.items():
            dengan_b = [s for s, k in opd["kelas"].items() if k["b"] is not None]
            for e in opd["acara"]:
                n = sum(len(opd["kelas"][s]["orang"]) for s in dengan_b if s <= self.jp[e])
                if n:
                    bisa_tunggal[(o, e)] = n
        # An event open to several OPDs without a seat cap of their own gives their single seats
        # through a pool per (JP, those OPDs): the pool's seats are split among the OPDs, any
        # way (no cap tells them apart), instead of one variable per OPD and event.
        bebas = defaultdict(list)
        for o, e in bisa_tunggal:
            if self.kursi[e, o] >= self.kapasitas[e]:
                bebas[e].append(o)
        kolam = defaultdict(list)  # (jp, OPDs) → events
        for e, opd_bebas in bebas.items():
            if len(opd_bebas) >= 2:
                kolam[(int(self.jp[e]), frozenset(opd_bebas))].append(e)
        dikolam = {(o, e) for (_, opds), acara_k in kolam.items() for e in acara_k for o in opds}
        self.kolam = []  # (events' columns, OPDs' columns)
        bagian_kolam = defaultdict(list)  # o → (jp, column of its share of a pool)
        for (v, opds), acara_k in kolam.items():
            kol_acara = {}
            for e in acara_k:
                atas = min(int(self.kapasitas[e]), sum(bisa_tunggal[(o, e)] for o in opds))
                kol_acara[e] = lp.kolom(0.0, float(atas))
                kursi_kolom[("kolam", e)].append(kol_acara[e])
            kol_opd = {}
            for o in opds:
                atas = min(
                    bisa_tunggal[(o, acara_k[0])], sum(int(self.kapasitas[e]) for e in acara_k)
                )
                kol_opd[o] = lp.kolom(0.0, float(atas))
                bagian_kolam[o].append((v, kol_opd[o]))
            lp.baris(
                0.0,
                0.0,
                list(kol_acara.values()) + list(kol_opd.values()),
                [1.0] * len(kol_acara) + [-1.0] * len(kol_opd),
            )
            self.kolam.append((kol_acara, kol_opd))

        for o, opd in self.opd_model.items():
            acara_o, kelas_o = opd["acara"], opd["kelas"]
            # Hall's condition: the sets of usable events are nested, so one row per threshold
            # σ suffices — members short of at least σ reached by a single seat ≤ single seats
            # in events (or pools) of at least σ JP.
            dengan_b = [s for s, k in kelas_o.items() if k["b"] is not None]
            nb = opd["nb"]
            for e in acara_o:
                if (o, e) in bisa_tunggal and (o, e) not in dikolam:
                    atas = min(bisa_tunggal[(o, e)], int(self.kursi[e, o]), int(self.kapasitas[e]))
                    nb[e] = lp.kolom(0.0, float(atas))
                    kursi_kolom[(o, e)].append(nb[e])
            for sigma in dengan_b:
                kiri = [kelas_o[s]["b"] for s in dengan_b if s >= sigma]
                kanan = [nb[e] for e in nb if self.jp[e] >= sigma]
                kanan += [kol for v, kol in bagian_kolam[o] if v >= sigma]
                lp.baris(-np.inf, 0.0, kiri + kanan, [1.0] * len(kiri) + [-1.0] * len(kanan))

            # Seats within types, per JP value, with the Gale–Ryser conditions on W_j (members
            # needing at least j copies of the value).
            ns = opd["ns"]
            per_nilai = defaultdict(list)  # v → (w column, copies of v in the type, class)
            for p, k in kelas_o.items():
                for t, kol in zip(k["tipe"], k["w"], strict=True):
                    for v in set(t):
                        per_nilai[v].append((kol, t.count(v), p))
            for v, pemakai in per_nilai.items():
                acara_v = [e for e in acara_o if self.jp[e] == v]
                # Each member takes a seat in an event at most once.
                bisa = sum(len(kelas_o[p]["orang"]) for p in {p for _kol, _d, p in pemakai})
                for e in acara_v:
                    atas = min(bisa, int(self.kursi[e, o]), int(self.kapasitas[e]))
                    ns[e] = lp.kolom(0.0, float(atas))
                    kursi_kolom[(o, e)].append(ns[e])
                kol_v = [ns[e] for e in acara_v]
                salinan = max(d for _kol, d, _p in pemakai)
                W = []
                for j in range(1, salinan + 1):
                    W.append(lp.kolom(0.0, np.inf, integer=False))
                    perlu = [kol for kol, d, _p in pemakai if d >= j]
                    lp.baris(0.0, 0.0, [W[-1], *perlu], [1.0] + [-1.0] * len(perlu))
                # Seats in events of value v = copies needed = Σ_j W_j.
                lp.baris(0.0, 0.0, kol_v + W, [1.0] * len(kol_v) + [-1.0] * len(W))
                for k in range(1, salinan):
                    # The k events with the most seats have at most Σ_{j ≤ k} W_j.
                    if k == 1:
                        for kol in kol_v:
                            lp.baris(-np.inf, 0.0, [kol, W[0]], [1.0, -1.0])
                        continue
                    t = lp.kolom(-np.inf, np.inf, integer=False)
                    u = [lp.kolom(0.0, np.inf, integer=False) for _e in kol_v]
                    lp.baris(
                        -np.inf, 0.0, [t, *u, *W[:k]], [float(k)] + [1.0] * len(u) + [-1.0] * k
                    )
                    for ue, ne in zip(u, kol_v, strict=True):
                        lp.baris(0.0, np.inf, [ue, t, ne], [1.0, 1.0, -1.0])

        # Events: seats only when funded, within the capacity and the seats per OPD.
        per_acara = defaultdict(list)
        isi_maksimum = defaultdict(float)
        for (o, e), kol in kursi_kolom.items():
            per_acara[e].extend(kol)
            if o == "kolam":
                isi_maksimum[e] += lp.upper[kol[0]]
                lp.baris(-np.inf, 0.0, [*kol, self.y[e]], [1.0, -lp.upper[kol[0]]])
                continue
            isi_maksimum[e] += min(float(self.kursi[e, o]), sum(lp.upper[k] for k in kol))
            # Seats of an OPD only in a funded event, within its cap and its candidates: implied
            # by the capacity row for integers, but it tightens the LP bound a great deal.
            atas = min(float(self.kursi[e, o]), sum(lp.upper[k] for k in kol))
            lp.baris(-np.inf, 0.0, [*kol, self.y[e]], [1.0] * len(kol) + [-atas])
        for e, kol in per_acara.items():
            lp.upper[self.y[e]] = 1.0
            # Capacity, or all the candidates the event could seat when they are fewer.
            isi = min(float(self.kapasitas[e]), isi_maksimum[e])
            lp.baris(-np.inf, 0.0, [*kol, self.y[e]], [1.0] * len(kol) + [-isi])
        self.per_acara = per_acara
        # Budget per source (or one total).
        self.biaya_kolom = np.zeros(len(lp.lower))
        per_sumber = defaultdict(lambda: ([], []))
        for e, kol in per_acara.items():
            a = self.acara[e]
            idx, val = per_sumber[self.sumber(a)]
            tetap = float(a.biaya_tetap) / _SKALA_UANG
            peserta = float(a.biaya_per_peserta) / _SKALA_UANG
            idx.append(self.y[e])
            val.append(tetap)
            idx.extend(kol)
            val.extend([peserta] * len(kol))
            self.biaya_kolom[self.y[e]] = tetap
            self.biaya_kolom[kol] = peserta
        for s, (idx, val) in per_sumber.items():
            lp.baris(-np.inf, float(self.anggaran.get(s, 0)) / _SKALA_UANG, idx, val)
        for e, f in self._dominasi(sorted(per_acara)):
            lp.baris(-np.inf, 0.0, [self.y[e], self.y[f]], [1.0, -1.0])
        self.lp = lp
        self.ncol, self.nrow = len(lp.lower), len(lp.r_lo)
        self.zg_kolom = np.array(self.zg_kolom, dtype=np.int64)
        self.zg_bobot = np.array(self.zg_bobot, dtype=np.int64)

    def _dominasi(self, acara: list[int]) -> list[tuple[int, int]]:
        """Pairs (e, f) of events where f is at least as good as e in every respect: the same
        source, at least the JP, capacity and seats for every OPD, no higher fixed or per-seat
        cost, and every competency e targets. Moving all of e's participants to an unfunded f
        reaches the same ASN for no more money, so some solution that is optimal in all three
        steps funds f whenever it funds e: the rows ``y_e ≤ y_f`` keep every optimum's value
        and spare the search the plans that differ only by such a swap (on the city-scale
        benchmark, step 1 in 5 s instead of 16–20 s)."""
        if len(acara) < 2:
            return []
        idx = np.array(acara)
        a = [self.acara[e] for e in acara]
        sen = np.array([[int(x.biaya_tetap * 100), int(x.biaya_per_peserta * 100)] for x in a])
        kode = {}
        sumber = np.array([kode.setdefault(self.sumber(x), len(kode)) for x in a])
        sasaran = self.sasaran[idx]
        kursi = self.kursi[idx]
        # [e, f]: f at least as good as e.
        lebih = (
            (sumber[:, None] == sumber[None, :])
            & (self.jp[idx][None, :] >= self.jp[idx][:, None])
            & (self.kapasitas[idx][None, :] >= self.kapasitas[idx][:, None])
            & (sen[None, :, 0] <= sen[:, None, 0])
            & (sen[None, :, 1] <= sen[:, None, 1])
            & (kursi[None, :, :] >= kursi[:, None, :]).all(axis=2)
            & ~(sasaran[:, None, :] & ~sasaran[None, :, :]).any(axis=2)
        )
        # Identical events dominate each other: only the earlier is funded first; and no event
        # dominates itself.
        lebih &= ~(lebih & lebih.T & np.triu(np.ones(lebih.shape, dtype=bool)))
        return [(int(idx[e]), int(idx[f])) for e, f in zip(*np.nonzero(lebih), strict=True)]

    # -- solving ---------------------------------------------------------------------------------

    def _highs(self, opsi: Mapping | None = None) -> highspy.Highs:
        h = _HighsSenyap()
        # One thread per run: HiGHS's branch-and-bound gains little from a second one here
        # (measured); a second core runs a second strategy instead (see _langkah_1).
        h.setOptionValue("threads", 1)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("random_seed", 0)
        for nama, nilai in (opsi or {}).items():
            h.setOptionValue(nama, nilai)
        integer = np.nonzero(self.lp.integer)[0].astype(np.int32)
        if (
            h.passModel(self.lp.highs_lp()) != highspy.HighsStatus.kOk
            or h.changeColsIntegrality(len(integer), integer, np.ones(len(integer), dtype=np.uint8))
            != highspy.HighsStatus.kOk
        ):
            raise RuntimeError("HiGHS menolak model optimasi anggaran.")
        # A stop asked from another thread (the portfolio of step 1, the limit of steps 2
        # and 3): HiGHS's interrupt callbacks look at ``h.henti``, a fresh Event per run.
        h.henti = threading.Event()
        # The last bound HiGHS reported during a MIP run: valid even for a run left behind.
        h.batas = None

        def henti(e) -> None:
            if h.henti.is_set():
                e.interrupt()

        def henti_mip(e) -> None:
            h.batas = e.data_out.mip_dual_bound
            henti(e)

        h.cbSimplexInterrupt += henti
        h.cbIpmInterrupt += henti
        h.cbMipInterrupt += henti_mip
        return h

    def _langkah_1(self, sampai: float) -> tuple[highspy.Highs, bool, bool]:
        """Step 1 by a portfolio: on a machine with several cores, runs of HiGHS with different
        random seeds side by side; the first to finish wins and stops the others. How long HiGHS
        needs here depends a lot on the path its search happens to take (for one plan 8.8 or
        12.3 s by the seed alone), so two paths cut the long tail."""
        jumlah = min(len(_PORTOFOLIO), os.cpu_count() or 1)
        if jumlah == 1:
            h = self._highs(_PORTOFOLIO[0])
            return h, *self._jalankan(h, sampai, abs_gap=1 - 1e-6)
        semua = [self._highs(opsi) for opsi in _PORTOFOLIO[:jumlah]]
        hasil: dict[int, tuple[bool, bool]] = {}
        galat: list[BaseException] = []
        kunci = threading.Lock()

        def jalankan(k: int) -> None:
            try:
                hasil_k = self._jalankan(semua[k], sampai, abs_gap=1 - 1e-6)
            except BaseException as e:  # handed to the calling thread below
                galat.append(e)
                hasil_k = (False, False)
            with kunci:
                hasil[k] = hasil_k
                if semua[k].getModelStatus() != highspy.HighsModelStatus.kInterrupt:
                    for j, lain in enumerate(semua):
                        if j != k:
                            lain.henti.set()

        benang = [threading.Thread(target=jalankan, args=(k,)) for k in range(jumlah)]
        for b in benang:
            b.start()
        for b in benang:
            b.join()
        if galat:
            raise galat[0]
        # The proven one; else (time limit) the one with the most ASN reached.
        terbukti = [k for k, (_ada, bukti) in hasil.items() if bukti]
        ada = [k for k, (ada_k, _bukti) in hasil.items() if ada_k]
        if terbukti:
            k = terbukti[0]
        elif ada:
            k = max(ada, key=lambda j: semua[j].getInfo().objective_function_value)
        else:
            k = 0
        # A run that ended as the winner did may still have asked it to stop.
        semua[k].henti = threading.Event()
        return semua[k], *hasil[k]

    def _jalankan(
        self,
        h: highspy.Highs,
        sampai: float,
        *,
        abs_gap: float,
        biaya: np.ndarray | None = None,
        awal: np.ndarray | None = None,
    ) -> tuple[bool, bool]:
        """Run until proven or ``sampai`` (perf_counter), from the solution ``awal`` if given;
        whether a solution exists and whether it is proven optimal. ``biaya``: the
        objective's coefficients, to check what HiGHS hands back."""
        h.setOptionValue("mip_abs_gap", abs_gap)
        for presolve in ("choose", "off"):
            if awal is not None:
                mulai = highspy.HighsSolution()
                mulai.col_value = awal
                h.setSolution(mulai)
            h.setOptionValue("presolve", presolve)
            h.setOptionValue("time_limit", max(0.01, sampai - time.perf_counter()))
            if awal is None:
                h.run()
                break
            if not self._run_sampai(h, sampai):
                return False, False
            if h.getInfo().primal_solution_status != 2:
                break
            # HiGHS 1.16 may end on an improvement of the start solution that its presolve
            # found, report that objective, and hand back the start solution unchanged. Then
            # once more without presolve, which returns the solution it reports — if there is
            # time for it: a run without presolve overshoots a tiny limit by a second.
            if self._sesuai(h, biaya) or sampai - time.perf_counter() < _WAKTU_MINIMUM_LANGKAH:
                break
        h.setOptionValue("presolve", "choose")
        ada = h.getInfo().primal_solution_status == 2
        terbukti = ada and self._terbukti(h) and (biaya is None or self._sesuai(h, biaya))
        return ada, terbukti

    def _run_sampai(self, h: highspy.Highs, sampai: float) -> bool:
        """``h.run()`` that returns by ``sampai`` (and ``_TENGGANG``) even where HiGHS does not
        look at its clock (after step 1 a round of cuts at the root can take seconds past a
        one-second limit): the run goes on in a thread, asked to stop then. False if it had not
        ended by then; ``h`` is then left to that thread (``self.terlambat``) and its result
        unused."""
        galat: list[BaseException] = []

        def jalankan() -> None:
            try:
                h.run()
            except BaseException as e:  # handed to the calling thread below
                galat.append(e)

        # Not a daemon: a process that ends meanwhile waits for HiGHS to see the stop (a
        # C++ solver still running while Python shuts down aborts the process).
        benang = threading.Thread(target=jalankan)
        benang.start()
        benang.join(max(0.0, sampai + _TENGGANG - time.perf_counter()))
        if benang.is_alive():
            h.henti.set()
            self.terlambat = True
            return False
        if galat:
            raise galat[0]
        return True

    def _sesuai(self, h: highspy.Highs, biaya: np.ndarray) -> bool:
        nilai = np.asarray(h.getSolution().col_value)
        dilaporkan = h.getInfo().objective_function_value
        return abs(float(biaya @ nilai) - dilaporkan) <= 1e-6 * max(1.0, abs(dilaporkan))

    def _terbukti(self, h: highspy.Highs) -> bool:
        return h.getModelStatus() == highspy.HighsModelStatus.kOptimal

    def solve(self, *, batas_waktu: float, minimalkan_biaya: bool) -> _Solusi:
        """The three lexicographic steps of the module docstring, each from the last solution,
        within ``batas_waktu`` seconds in all."""
        kosong = np.zeros(0, dtype=np.int64)
        if not self.per_acara:
            return _Solusi(StatusOptimasi.OPTIMAL, kosong, kosong, 0.0, True, True, batas_bobot=0)
        sampai = time.perf_counter() + batas_waktu - _CADANGAN
        zg = self.zg_kolom.astype(np.int32)

        # Step 1: the most ASN reaching their target. Integer objective: a gap below 1 is proof.
        mulai = time.perf_counter()
        h, ada, terbukti = self._langkah_1(sampai)
        detik = [time.perf_counter() - mulai]
        if h.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
            return _Solusi(StatusOptimasi.TIDAK_LAYAK, kosong, kosong, math.inf, False, False)
        if not ada:
            return _Solusi(
                StatusOptimasi.BATAS_WAKTU, kosong, kosong, math.inf, False, False, detik
            )
        nilai = np.asarray(h.getSolution().col_value)
        pe, pi = self._wujudkan(nilai)
        if not terbukti:
            celah = float(h.getInfo().mip_gap)
            return _Solusi(StatusOptimasi.BATAS_WAKTU, pe, pi, celah, False, False, detik)
        jumlah = round(h.getInfo().objective_function_value)
        hasil = _Solusi(StatusOptimasi.OPTIMAL, pe, pi, 0.0, not self.bobot.any(), False, detik)

        # Step 2: the largest gap weights among them. Exactly ``jumlah`` reached (no more is
        # possible: a valid row that tightens the LP a little).
        biaya = np.zeros(self.ncol)
        biaya[zg] = self.zg_bobot
        if not hasil.prioritas_terbukti:
            if sampai - time.perf_counter() < _WAKTU_MINIMUM_LANGKAH:
                return hasil
            langkah_3 = minimalkan_biaya and self.zg_bobot.size
            mulai = time.perf_counter()
            # First within the events step 1 funds (see _kursi_terbaik), then the whole model
            # from that plan, half of the time left to each.
            batas = mulai + 0.5 * (sampai - mulai)
            nilai = self._kursi_terbaik(nilai, jumlah, biaya, batas)
            if self.terlambat:
                hasil.detik_langkah.append(time.perf_counter() - mulai)
                return hasil
            hasil = self._lebih_baik(hasil, *self._wujudkan(nilai))
            h.addRow(jumlah - 0.5, jumlah + 0.5, len(zg), zg, np.ones(len(zg)))
            h.changeColsCost(len(zg), zg, self.zg_bobot.astype(np.float64))
            bagian = 0.6 if langkah_3 else 1.0
            batas = time.perf_counter() + bagian * (sampai - time.perf_counter())
            h.batas = None
            ada, terbukti = self._jalankan(h, batas, abs_gap=1 - 1e-6, biaya=biaya, awal=nilai)
            hasil.detik_langkah.append(time.perf_counter() - mulai)
            bobot = round(float(biaya @ nilai))
            # What no plan reaching as many can exceed: HiGHS's bound, proven or not (also of a
            # run left behind: the last one it reported).
            if h.batas is not None and math.isfinite(h.batas):
                hasil.batas_bobot = max(bobot, math.floor(h.batas + 1e-6))
            if self.terlambat:
                return hasil
            if ada:
                baru = np.asarray(h.getSolution().col_value)
                if biaya @ baru > biaya @ nilai + 0.5:
                    nilai = baru
                    hasil = self._lebih_baik(hasil, *self._wujudkan(nilai))
                hasil.prioritas_terbukti = terbukti
            bobot = round(float(biaya @ nilai))
            if hasil.prioritas_terbukti:
                hasil.batas_bobot = bobot
            h.addRow(bobot - 0.5, np.inf, len(zg), zg, self.zg_bobot.astype(np.float64))
        else:
            h.addRow(jumlah - 0.5, np.inf, len(zg), zg, np.ones(len(zg)))
            hasil.batas_bobot = 0

        # Step 3: the cheapest of those.
        if not minimalkan_biaya or sampai - time.perf_counter() < _WAKTU_MINIMUM_LANGKAH:
            return hasil
        h.changeColsCost(self.ncol, np.arange(self.ncol, dtype=np.int32), self.biaya_kolom)
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        # Money in thousands of Rupiah: proven to half a Rupiah.
        mulai = time.perf_counter()
        ada, terbukti = self._jalankan(
            h, sampai, abs_gap=0.5 / _SKALA_UANG, biaya=self.biaya_kolom, awal=nilai
        )
        hasil.detik_langkah.append(time.perf_counter() - mulai)
        if ada:
            hasil = self._lebih_baik(hasil, *self._wujudkan(np.asarray(h.getSolution().col_value)))
            hasil.biaya_minimal = terbukti
        return hasil

    def _kursi_terbaik(
        self, nilai: np.ndarray, jumlah: int, biaya: np.ndarray, sampai: float
    ) -> np.ndarray:
        """Step 2 within the events that step 1's plan funds (``y`` fixed): the seats that reach
        as many ASN with the largest gap weights. A much smaller problem, and a far better start
        for step 2 than step 1's seating, which HiGHS's own step 2 search hardly improves at city
        scale (seed 2026 of the benchmark: Σ G 36,165 for 16 s; from this plan 39,517, against a
        bound of 39,524). One objective ``D · reached + Σ G`` (all gap weights together are below
        one ASN, see the module docstring): with a row "reached = jumlah" instead, HiGHS found
        nothing better than the start in 4 s; like this it proves 39,517 in 1.5 s. The better
        plan, or ``nilai``."""
        h = self._highs()
        y = np.array(self.y, dtype=np.int32)
        didanai = np.rint(nilai[y])
        h.changeColsBounds(len(y), y, didanai, didanai)
        zg = self.zg_kolom.astype(np.int32)
        tujuan = np.zeros(self.ncol)
        tujuan[zg] = self.D + self.zg_bobot
        h.changeColsCost(len(zg), zg, tujuan[zg])
        ada, _terbukti = self._jalankan(h, sampai, abs_gap=1 - 1e-6, biaya=tujuan, awal=nilai)
        if self.terlambat or not ada:
            return nilai
        baru = np.asarray(h.getSolution().col_value)
        lebih_baik = round(baru[zg].sum()) >= jumlah and biaya @ baru > biaya @ nilai + 0.5
        return baru if lebih_baik else nilai

    def _lebih_baik(self, hasil: _Solusi, pe, pi) -> _Solusi:
        """The later solution unless it is worse (by a rounding of the solver) than ``hasil``."""
        lama = self._nilai(hasil.pe, hasil.pi)
        baru = self._nilai(pe, pi)
        if baru[1:] < lama[1:] or (
            baru[1:] == lama[1:] and self._biaya(pe) > self._biaya(hasil.pe)
        ):
            return hasil
        return dataclasses.replace(hasil, pe=pe, pi=pi)

    # -- from class counts to people ------------------------------------------------------------

    def _wujudkan(self, nilai: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Seats per ASN meeting the class counts of a solution."""
        bulat = np.rint(nilai).astype(np.int64)
        pe, pi = [], []
        # Pools: the seats of their events to the OPDs' shares, in order.
        dari_kolam = defaultdict(lambda: defaultdict(int))  # o → e → single seats
        for kol_acara, kol_opd in self.kolam:
            kursi = [[e, int(bulat[k])] for e, k in kol_acara.items() if bulat[k] > 0]
            for o, k in kol_opd.items():
                perlu = int(bulat[k])
                while perlu:
                    if not kursi:
                        raise RuntimeError("Kursi kolam kurang untuk solusi solver.")
                    ambil = min(perlu, kursi[0][1])
                    dari_kolam[o][kursi[0][0]] += ambil
                    kursi[0][1] -= ambil
                    perlu -= ambil
                    if not kursi[0][1]:
                        kursi.pop(0)
        for o, opd in self.opd_model.items():
            sisa_nb = {e: int(bulat[k]) for e, k in opd["nb"].items() if bulat[k] > 0}
            for e, n in dari_kolam[o].items():
                sisa_nb[e] = sisa_nb.get(e, 0) + n
            sisa_ns = {e: int(bulat[k]) for e, k in opd["ns"].items() if bulat[k] > 0}
            tunggal, perlu = [], {}  # ASN by a single seat; ASN by a type → copies per value
            for (oo, _s), k in self.kelas.items():
                if oo != o:
                    continue
                orang = iter(k["orang"])  # largest gap weight first
                if k["b"] is not None:
                    tunggal.extend(next(orang) for _n in range(bulat[k["b"]]))
                for t, kol in zip(k["tipe"], k["w"], strict=True):
                    for _n in range(bulat[kol]):
                        perlu[next(orang)] = {v: t.count(v) for v in set(t)}
            # Hall: highest shortfall first; any event of enough JP keeps the rest feasible.
            for i in sorted(tunggal, key=lambda i: -self.kurang_kelas[i]):
                pilihan = [e for e in sisa_nb if self.jp[e] >= self.kurang_kelas[i]]
                if not pilihan:
                    raise RuntimeError("Kursi tunggal tidak cukup untuk solusi solver.")
                e = max(pilihan, key=lambda e: (self.relevansi[i, e], sisa_nb[e], -e))
                pe.append(e)
                pi.append(i)
                sisa_nb[e] -= 1
                if not sisa_nb[e]:
                    del sisa_nb[e]
            # Gale–Ryser: each event (most seats first) to the ASN needing the most copies.
            for v in sorted({v for d in perlu.values() for v in d}):
                for e in sorted((e for e in sisa_ns if self.jp[e] == v), key=lambda e: -sisa_ns[e]):
                    calon = [i for i, d in perlu.items() if d.get(v, 0) > 0]
                    calon.sort(key=lambda i: (-perlu[i][v], -self.relevansi[i, e], i))
                    if len(calon) < sisa_ns[e]:
                        raise RuntimeError("Kursi gabungan tidak dapat dibagi untuk solusi solver.")
                    for i in calon[: sisa_ns[e]]:
                        pe.append(e)
                        pi.append(i)
                        perlu[i][v] -= 1
            if any(n for d in perlu.values() for n in d.values()):
                raise RuntimeError("Kursi gabungan kurang untuk solusi solver.")
        return np.array(pe, dtype=np.int64), np.array(pi, dtype=np.int64)

    # -- reading a solution -----------------------------------------------------------------------

    def _jp(self, pe, pi) -> np.ndarray:
        return np.bincount(pi, weights=self.jp[pe], minlength=len(self.asn)).astype(np.int64)

    def _nilai(self, pe, pi) -> tuple[int, int, int]:
        z = self._jp(pe, pi) >= self.kurang
        bobot = int(self.bobot[z].sum())
        return self.D * int(z.sum()) + bobot, int(z.sum()), bobot

    def _biaya(self, pe) -> Decimal:
        peserta = np.bincount(pe, minlength=len(self.acara))
        return sum((a.biaya(int(n)) for a, n in zip(self.acara, peserta, strict=True)), Decimal(0))

    def hasil(self, solusi: _Solusi, *, detik_bangun: float, detik_solve: float) -> HasilOptimasi:
        pe, pi = solusi.pe, solusi.pi
        E = len(self.acara)
        jp_tambahan = self._jp(pe, pi)
        z = jp_tambahan >= self.kurang
        peserta = np.bincount(pe, minlength=E)
        nilai, tercapai, bobot = self._nilai(pe, pi)
        acara_per_asn = defaultdict(list)
        peserta_per_acara = defaultdict(list)
        for e, i in sorted(zip(pe.tolist(), pi.tolist(), strict=True)):
            acara_per_asn[i].append(e)
            peserta_per_acara[e].append(i)

        terpilih = []
        biaya_per_sumber = {s: Decimal(0) for s in self.anggaran}
        for e, a in enumerate(self.acara):
            if not peserta[e]:
                continue
            ids = peserta_per_acara[e]
            kursi = defaultdict(int)
            for i in ids:
                kursi[self.asn[i].opd_id] += 1
            biaya = a.biaya(len(ids))
            s = self.sumber(a)
            biaya_per_sumber[s] = biaya_per_sumber.get(s, Decimal(0)) + biaya
            terpilih.append(
                KegiatanTerpilih(
                    acara=a,
                    peserta=tuple(self.asn[i].id for i in ids),
                    kursi_per_opd=dict(kursi),
                    biaya=biaya,
                )
            )
        for s, biaya in biaya_per_sumber.items():
            # The solver works in floating point; the budget is checked again in Rupiah.
            if biaya > self.anggaran.get(s, Decimal(0)):
                raise RuntimeError(f"Solusi melebihi anggaran {s or 'total'}.")
        alasan = _Alasan(self, pe, pi, peserta, z, biaya_per_sumber, solusi.status)
        return HasilOptimasi(
            status=solusi.status,
            nilai_tujuan=nilai,
            jumlah_tercapai=tercapai,
            bobot_kesenjangan=bobot,
            terpilih=tuple(terpilih),
            tidak_terpilih=tuple(
                KegiatanTidakTerpilih(acara=a, alasan=alasan.acara(e))
                for e, a in enumerate(self.acara)
                if not peserta[e]
            ),
            asn=tuple(
                HasilAsn(
                    asn=a,
                    acara_ids=tuple(self.acara[e].id for e in acara_per_asn.get(i, ())),
                    jp_tambahan=int(jp_tambahan[i]),
                    tercapai=bool(z[i]),
                    bobot_kesenjangan=int(self.bobot[i]),
                    alasan="" if z[i] else alasan.asn(i),
                )
                for i, a in enumerate(self.asn)
            ),
            sudah_memenuhi=tuple(a.id for a in self.semua_asn if a.kekurangan_jp == 0),
            anggaran=dict(self.anggaran),
            biaya_per_sumber=biaya_per_sumber,
            prioritas_terbukti=solusi.prioritas_terbukti,
            batas_bobot_kesenjangan=solusi.batas_bobot,
            biaya_minimal=solusi.biaya_minimal,
            celah_mip=solusi.celah,
            detik_bangun=detik_bangun,
            detik_solve=detik_solve,
            detik_langkah=tuple(solusi.detik_langkah),
            jumlah_variabel=self.ncol,
            jumlah_baris=self.nrow,
        )


class _Alasan:
    """Why an event is not funded, or an ASN below target not reached, read from the solution."""

    def __init__(self, model: _Model, pe, pi, peserta, z, biaya_per_sumber, status):
        m = model
        self.m = m
        self.peserta = peserta
        self.z = z
        self.optimal = status == StatusOptimasi.OPTIMAL
        self.status = status
        self.sisa = {s: m.anggaran[s] - biaya_per_sumber.get(s, Decimal(0)) for s in m.anggaran}
        self.terisi_opd = np.zeros_like(m.kursi)
        np.add.at(self.terisi_opd, (pe, m.opd_asn[pi]), 1)
        # Cost per ASN seated by the funded events of each source.
        asn_sumber = defaultdict(set)
        for e, i in zip(pe.tolist(), pi.tolist(), strict=True):
            asn_sumber[m.sumber(m.acara[e])].add(i)
        self.per_asn_sumber = {
            s: biaya_per_sumber[s] / len(asn_sumber[s]) for s in asn_sumber if asn_sumber[s]
        }

    def _anggaran(self, s: str) -> str:
        return _("anggaran %(sumber)s") % {"sumber": self.m.nama(s)} if s else _("anggaran")

    def _sisa(self, s: str) -> Decimal:
        return self.sisa.get(s, Decimal(0))

    def _belum_optimal(self) -> str:
        if self.status == StatusOptimasi.TIDAK_LAYAK:
            return _("Solver menyatakan model tidak layak.")
        return _("Tidak terpilih dalam solusi terbaik yang ditemukan sebelum batas waktu.")

    def acara(self, e: int) -> str:
        m = self.m
        a = m.acara[e]
        s = m.sumber(a)
        terbuka = np.nonzero(m.terbuka[e])[0]
        if a.kapasitas <= 0 or a.jp <= 0:
            return _("Kegiatan tanpa kapasitas atau tanpa JP.")
        if not len(terbuka):
            return _("Tidak ada ASN di bawah target JP pada OPD sasaran.")
        if a.biaya(1) > 0 and not m.anggaran.get(s):
            return _("Tidak ada anggaran untuk sumber dana %(sumber)s.") % {
                "sumber": m.nama(a.sumber_dana)
            }
        if not m.terjangkau[e]:
            return _(
                "Biaya tetap %(tetap)s ditambah satu peserta %(peserta)s melebihi seluruh "
                "%(anggaran)s (%(pagu)s)."
            ) % {
                "tetap": format_rupiah(a.biaya_tetap),
                "peserta": format_rupiah(a.biaya_per_peserta),
                "anggaran": self._anggaran(s),
                "pagu": format_rupiah(m.anggaran[s]),
            }
        belum = terbuka[~self.z[terbuka]]
        if not len(belum):
            return _(
                "Semua %(n)s ASN sasaran yang kekurangan JP sudah mencapai target melalui "
                "kegiatan terpilih lain."
            ) % {"n": len(terbuka)}
        belum = belum[m.bisa_tercapai[belum]]
        if not len(belum):
            return _(
                "ASN sasaran yang belum mencapai target tidak dapat mencapainya dengan semua "
                "kegiatan yang terbuka baginya dan terjangkau anggarannya."
            )
        if not self.optimal:
            return self._belum_optimal()
        sisa = self._sisa(s)
        cukup = belum[m.kurang[belum] <= a.jp]
        if not len(cukup):
            return _(
                "Kegiatan ini (%(jp)s JP) sendiri tidak menutup kekurangan ASN sasaran yang belum "
                "mencapai target (paling sedikit %(kurang)s JP), dan tidak ada gabungannya dengan "
                "kursi lain yang masih tersedia dan muat dalam sisa %(anggaran)s (%(sisa)s)."
            ) % {
                "jp": a.jp,
                "kurang": int(m.kurang[belum].min()),
                "anggaran": self._anggaran(s),
                "sisa": format_rupiah(sisa),
            }
        if a.biaya(1) > sisa:
            # Its cheapest cost per ASN: the fixed cost spread over all the seats it could fill.
            per_opd = np.bincount(m.opd_asn[cukup], minlength=len(m.opd_ids))
            bisa = min(a.kapasitas, int(np.minimum(per_opd, m.kursi[e]).sum()))
            per_asn = (a.biaya_tetap / bisa + a.biaya_per_peserta).quantize(Decimal(1))
            pembanding = self.per_asn_sumber.get(s)
            if pembanding is not None and per_asn > pembanding:
                return _(
                    "Biaya %(biaya)s per ASN yang dicapai lebih tinggi dari kegiatan terpilih "
                    "(%(pembanding)s per ASN); sisa %(anggaran)s %(sisa)s tidak cukup untuk "
                    "biaya tetap %(tetap)s ditambah satu peserta %(peserta)s."
                ) % {
                    "biaya": format_rupiah(per_asn),
                    "pembanding": format_rupiah(pembanding.quantize(Decimal(1))),
                    "anggaran": self._anggaran(s),
                    "sisa": format_rupiah(sisa),
                    "tetap": format_rupiah(a.biaya_tetap),
                    "peserta": format_rupiah(a.biaya_per_peserta),
                }
            return _(
                "%(anggaran)s habis untuk kegiatan terpilih: sisa %(sisa)s tidak cukup untuk "
                "biaya tetap %(tetap)s ditambah satu peserta %(peserta)s."
            ) % {
                "anggaran": self._anggaran(s)[:1].upper() + self._anggaran(s)[1:],
                "sisa": format_rupiah(sisa),
                "tetap": format_rupiah(a.biaya_tetap),
                "peserta": format_rupiah(a.biaya_per_peserta),
            }
        return self._belum_optimal()

    def asn(self, i: int) -> str:
        m = self.m
        kurang = int(m.kurang[i])
        terbuka = np.nonzero(m.terbuka[:, i])[0]
        if not len(terbuka):
            return _("Tidak ada kegiatan kandidat yang terbuka bagi OPD-nya.")
        jp_terbuka = int(m.jp[terbuka].sum())
        if jp_terbuka < kurang:
            return _(
                "Seluruh kegiatan kandidat yang terbuka baginya hanya %(jp)s JP, kurang dari "
                "kekurangan %(kurang)s JP."
            ) % {"jp": jp_terbuka, "kurang": kurang}
        if not m.bisa_tercapai[i]:
            return _(
                "Kegiatan yang terbuka baginya dan terjangkau anggarannya hanya %(jp)s JP, kurang "
                "dari kekurangan %(kurang)s JP."
            ) % {"jp": int(m.jp[terbuka[m.terjangkau[terbuka]]].sum()), "kurang": kurang}
        dipilih = terbuka[self.peserta[terbuka] > 0]
        if int(m.jp[dipilih].sum()) < kurang:
            teks = _("Tidak ada kegiatan terpilih yang mencukupi kekurangan %(kurang)s JP") % {
                "kurang": kurang
            }
            if not self.optimal:
                return teks + "."
            return teks + _(
                "; tidak ada gabungan kursi yang masih tersedia dan muat dalam sisa anggaran "
                "untuk menutupnya."
            )
        o = m.opd_asn[i]
        penuh_kapasitas = self.peserta[dipilih] >= m.kapasitas[dipilih]
        penuh_opd = self.terisi_opd[dipilih, o] >= m.kursi[dipilih, o]
        bebas = dipilih[~(penuh_kapasitas | penuh_opd)]
        if int(m.jp[bebas].sum()) < kurang:
            penuh = [
                _("%(nama)s (%(batas)s)")
                % {"nama": m.acara[e].nama, "batas": _("kapasitas") if pk else _("kuota OPD")}
                for e, pk, po in zip(dipilih, penuh_kapasitas, penuh_opd, strict=True)
                if pk or po
            ]
            daftar = ", ".join(penuh[:3])
            if len(penuh) > 3:
                daftar += _(" dan %(n)s lainnya") % {"n": len(penuh) - 3}
            return _(
                "Kursi kegiatan terpilih yang mencukupi kekurangan %(kurang)s JP sudah penuh: "
                "%(daftar)s."
            ) % {"kurang": kurang, "daftar": daftar}
        termurah, muat = self._kursi_tambahan(bebas, kurang)
        if not muat:
            sumber = sorted({m.sumber(m.acara[e]) for e in bebas.tolist()})
            sisa = ", ".join(
                (f"{m.nama(s)} " if s else "") + format_rupiah(self._sisa(s)) for s in sumber
            )
            return _(
                "Sisa anggaran tidak cukup untuk kursi tambahan yang menutup kekurangan "
                "%(kurang)s JP: paling sedikit %(biaya)s, sisa %(sisa)s."
            ) % {"kurang": kurang, "biaya": format_rupiah(termurah), "sisa": sisa}
        return self._belum_optimal()

    def _kursi_tambahan(self, bebas: np.ndarray, kurang: int) -> tuple[Decimal, bool]:
        """The cheapest seats in funded events with room that cover ``kurang`` JP, and whether
        some such seats fit the remaining budget of every source they draw on."""
        m = self.m
        per_sumber = defaultdict(list)
        for e in bebas.tolist():
            a = m.acara[e]
            per_sumber[m.sumber(a)].append((min(a.jp, kurang), a.biaya_per_peserta))
        gabungan: list[Decimal | None] = [Decimal(0)] + [None] * kurang
        jp_muat = 0
        for s, barang in per_sumber.items():
            # Cheapest cost for at least j JP from this source's seats (each event once).
            termurah: list[Decimal | None] = [Decimal(0)] + [None] * kurang
            for jp, harga in barang:
                for j in range(kurang, 0, -1):
                    dasar = termurah[max(0, j - jp)]
                    if dasar is not None and (termurah[j] is None or dasar + harga < termurah[j]):
                        termurah[j] = dasar + harga
            sisa = self._sisa(s)
            jp_muat += max(j for j, c in enumerate(termurah) if c is not None and c <= sisa)
            baru = list(gabungan)
            for j, dasar in enumerate(gabungan):
                for t, c in enumerate(termurah):
                    if t and dasar is not None and c is not None:
                        jj = min(kurang, j + t)
                        if baru[jj] is None or dasar + c < baru[jj]:
                            baru[jj] = dasar + c
            gabungan = baru
        return gabungan[kurang] or Decimal(0), jp_muat >= kurang
