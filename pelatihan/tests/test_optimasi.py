"""The budget optimiser: optimal against brute force on small plans, within the budget and the
seats, and with a reason for everything it leaves out. No database needed."""

import itertools
import os
import random
import subprocess
import sys
import threading
import time
from decimal import Decimal

import highspy
import numpy as np
import pytest

from pelatihan.optimasi import (
    AcaraKandidat,
    AsnKandidat,
    StatusOptimasi,
    _Model,
    anggaran_optimize,
    tipe_minimal,
)

KOMPETENSI = ("M.01", "M.02", "M.03")
ALASAN_BATAS_WAKTU = "Tidak terpilih dalam solusi terbaik yang ditemukan sebelum batas waktu."


def acara(n, *, jp=20, tetap=0, peserta=1_000_000, sumber="APBK", kapasitas=10, **kwargs):
    return AcaraKandidat(
        id=f"K{n}",
        nama=f"Pelatihan {n}",
        jp=jp,
        biaya_tetap=Decimal(tetap),
        biaya_per_peserta=Decimal(peserta),
        sumber_dana=sumber,
        kapasitas=kapasitas,
        **kwargs,
    )


def asn(n, *, opd="DINKES", jp=0, target=20, gap=None):
    return AsnKandidat(
        id=n, opd_id=opd, jp_tahun_ini=jp, target_jp=target, gap=gap or {}, nama=f"ASN {n}"
    )


# ---------------------------------------------------------------------------------------------
# Brute force: every assignment of seats to the ASN below target.
# ---------------------------------------------------------------------------------------------


def kasus_acak(seed):
    """3–4 events of 4–12 JP (so that most ASN need two or three), 5–7 ASN in 1–3 OPDs."""
    rng = random.Random(seed)
    opds = ["A", "B", "C"][: rng.randint(1, 3)]
    daftar_acara = []
    for n in range(rng.randint(3, 4)):
        sasaran = (
            frozenset(rng.sample(opds, rng.randint(1, len(opds)))) if rng.random() < 0.3 else None
        )
        kursi = {rng.choice(opds): rng.randint(1, 2)} if rng.random() < 0.4 else {}
        daftar_acara.append(
            acara(
                n,
                jp=rng.choice((4, 6, 8, 10, 12)),
                tetap=rng.choice((0, 0, 1, 2, 5)) * 1_000_000,
                peserta=rng.randint(1, 8) * 250_000,
                sumber=rng.choice(("APBK", "APBA")),
                kapasitas=rng.randint(1, 4),
                kursi_per_opd=kursi,
                opd_sasaran=sasaran,
                kompetensi=frozenset(rng.sample(KOMPETENSI, rng.randint(0, 2))),
            )
        )
    daftar_asn = [
        asn(
            n,
            opd=rng.choice(opds),
            jp=rng.choice((0, 4, 8, 10, 12, 14, 16, 18, 20, 24)),
            gap={k: rng.randint(-1, 3) for k in KOMPETENSI if rng.random() < 0.7},
        )
        for n in range(rng.randint(5, 7))
    ]
    if seed % 2:
        anggaran = {
            s: Decimal(rng.randint(0, 16) * 500_000) for s in ("APBK", "APBA") if rng.random() < 0.9
        }
    else:
        anggaran = Decimal(rng.randint(0, 30) * 500_000)
    return daftar_acara, daftar_asn, anggaran


def terbuka(a, x) -> bool:
    return a.jp > 0 and a.kapasitas > 0 and a.kursi_untuk(x.opd_id) > 0


def bobot_kesenjangan(daftar_acara, x) -> int:
    disasar = {k for a in daftar_acara if terbuka(a, x) for k in a.kompetensi}
    return sum(g for k, g in x.gap.items() if g > 0 and k in disasar)


def brute_force(daftar_acara, daftar_asn, anggaran):
    """The best (ASN reached, their gap weights, −cost) over every assignment.

    Each ASN below target gets nothing or a minimal set of events covering its shortfall:
    any other assignment can drop seats (costs are never negative) without losing anything.
    """
    per_sumber = isinstance(anggaran, dict)
    pagu = anggaran if per_sumber else {"": anggaran}

    def sumber(a):
        return a.sumber_dana if per_sumber else ""

    calon = [x for x in daftar_asn if x.kekurangan_jp > 0]
    pilihan = []
    for x in calon:
        buka = [e for e, a in enumerate(daftar_acara) if terbuka(a, x)]
        cover = [()]
        for r in range(1, len(buka) + 1):
            for himpunan in itertools.combinations(buka, r):
                jp = [daftar_acara[e].jp for e in himpunan]
                if sum(jp) >= x.kekurangan_jp and sum(jp) - min(jp) < x.kekurangan_jp:
                    cover.append(himpunan)
        pilihan.append(cover)
    bobot = [bobot_kesenjangan(daftar_acara, x) for x in calon]
    terbaik = None
    kursi = [0] * len(daftar_acara)
    kursi_opd = {}

    def biaya():
        total = {}
        for e, n in enumerate(kursi):
            if n:
                a = daftar_acara[e]
                total[sumber(a)] = total.get(sumber(a), 0) + a.biaya(n)
        return total

    def muat(total):
        return all(b <= pagu.get(s, Decimal(0)) for s, b in total.items())

    def cari(j, tercapai, kesenjangan):
        nonlocal terbaik
        total = biaya()
        if not muat(total):
            return  # costs only grow from here
        if j == len(calon):
            nilai = (tercapai, kesenjangan, -sum(total.values(), Decimal(0)))
            if terbaik is None or nilai > terbaik:
                terbaik = nilai
            return
        x = calon[j]
        for himpunan in pilihan[j]:
            ok = all(
                kursi[e] < daftar_acara[e].kapasitas
                and kursi_opd.get((e, x.opd_id), 0) < daftar_acara[e].kursi_untuk(x.opd_id)
                for e in himpunan
            )
            if not ok:
                continue
            for e in himpunan:
                kursi[e] += 1
                kursi_opd[(e, x.opd_id)] = kursi_opd.get((e, x.opd_id), 0) + 1
            dicapai = bool(himpunan)
            cari(j + 1, tercapai + dicapai, kesenjangan + bobot[j] * dicapai)
            for e in himpunan:
                kursi[e] -= 1
                kursi_opd[(e, x.opd_id)] -= 1

    cari(0, 0, 0)
    return terbaik


def periksa_batasan(hasil, daftar_acara, daftar_asn, anggaran):
    """Budget per source, seats per event and per OPD, JP of the reached, reasons."""
    per_sumber = isinstance(anggaran, dict)
    pagu = anggaran if per_sumber else {"": anggaran}
    biaya = {}
    asn_by_id = {x.id: x for x in daftar_asn}
    jp_tambahan = {}
    for k in hasil.terpilih:
        a = k.acara
        assert 0 < k.jumlah_peserta <= a.kapasitas
        assert k.biaya == a.biaya_tetap + a.biaya_per_peserta * k.jumlah_peserta
        s = a.sumber_dana if per_sumber else ""
        biaya[s] = biaya.get(s, Decimal(0)) + k.biaya
        per_opd = {}
        for i in k.peserta:
            x = asn_by_id[i]
            assert x.kekurangan_jp > 0  # never a seat for someone at target
            per_opd[x.opd_id] = per_opd.get(x.opd_id, 0) + 1
            jp_tambahan[i] = jp_tambahan.get(i, 0) + a.jp
        assert per_opd == k.kursi_per_opd
        for o, n in per_opd.items():
            assert n <= a.kursi_untuk(o)
        assert len(set(k.peserta)) == len(k.peserta)
    for s, b in biaya.items():
        assert b <= pagu.get(s, Decimal(0))
    for s, b in hasil.biaya_per_sumber.items():
        assert b == biaya.get(s, Decimal(0))
    for h in hasil.asn:
        assert h.jp_tambahan == jp_tambahan.get(h.asn.id, 0)
        assert h.tercapai == (h.jp_tambahan >= h.asn.kekurangan_jp)
        assert h.tercapai or h.alasan
        if h.tercapai:
            assert not h.alasan
        else:
            assert not h.acara_ids  # a seat that does not bring to target is not given
    dipilih = {k.acara.id for k in hasil.terpilih}
    assert {t.acara.id for t in hasil.tidak_terpilih} == {a.id for a in daftar_acara} - dipilih
    assert all(t.alasan for t in hasil.tidak_terpilih)
    assert set(hasil.sudah_memenuhi) == {x.id for x in daftar_asn if x.kekurangan_jp == 0}
    assert {h.asn.id for h in hasil.asn} == {x.id for x in daftar_asn if x.kekurangan_jp > 0}


@pytest.mark.parametrize("seed", range(80))
def test_it_matches_brute_force(seed):
    daftar_acara, daftar_asn, anggaran = kasus_acak(seed)
    hasil = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran=anggaran)

    tercapai, kesenjangan, minus_biaya = brute_force(daftar_acara, daftar_asn, anggaran)
    assert hasil.status == StatusOptimasi.OPTIMAL
    assert hasil.prioritas_terbukti and hasil.biaya_minimal
    assert (hasil.jumlah_tercapai, hasil.bobot_kesenjangan) == (tercapai, kesenjangan)
    assert hasil.batas_bobot_kesenjangan == kesenjangan
    assert hasil.total_biaya == -minus_biaya
    periksa_batasan(hasil, daftar_acara, daftar_asn, anggaran)
    # Optimal: no reason falls back on the time limit.
    alasan = [t.alasan for t in hasil.tidak_terpilih] + [h.alasan for h in hasil.belum_tercapai]
    assert ALASAN_BATAS_WAKTU not in alasan


def test_the_random_plans_are_worth_checking():
    # The random plans only check something if ASN need two or more events, and the budget
    # or the seats leave some ASN out while others are reached.
    kombinasi = sebagian = 0
    for seed in range(80):
        daftar_acara, daftar_asn, anggaran = kasus_acak(seed)
        hasil = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran=anggaran)
        kombinasi += sum(1 for h in hasil.asn if len(h.acara_ids) >= 2)
        sebagian += 0 < hasil.jumlah_tercapai < len(hasil.asn)
    assert kombinasi >= 20
    assert sebagian >= 20


# ---------------------------------------------------------------------------------------------
# Larger plans against the plain model: a binary per (event, ASN) pair, solved by HiGHS.
# ---------------------------------------------------------------------------------------------


def kasus_sedang(seed):
    """7–9 events of 4–8 JP (three or more seats for most ASN, several in events of the same
    JP), 30–40 ASN in 3 OPDs, seats per OPD, two sources."""
    rng = random.Random(seed)
    opds = ["A", "B", "C"]
    daftar_acara = [
        acara(
            n,
            jp=rng.choice((4, 6, 8)),
            tetap=rng.choice((0, 1, 2)) * 1_000_000,
            peserta=rng.randint(1, 6) * 250_000,
            sumber=rng.choice(("APBK", "APBA")),
            kapasitas=rng.randint(5, 15),
            kursi_per_opd={rng.choice(opds): rng.randint(1, 4)} if rng.random() < 0.4 else {},
            opd_sasaran=frozenset(rng.sample(opds, 2)) if rng.random() < 0.3 else None,
            kompetensi=frozenset(rng.sample(KOMPETENSI, rng.randint(0, 2))),
        )
        for n in range(rng.randint(7, 9))
    ]
    daftar_asn = [
        asn(
            n,
            opd=rng.choice(opds),
            jp=rng.randint(0, 20),
            gap={k: rng.randint(0, 3) for k in KOMPETENSI if rng.random() < 0.6},
        )
        for n in range(rng.randint(30, 40))
    ]
    anggaran = {s: Decimal(rng.randint(10, 40) * 500_000) for s in ("APBK", "APBA")}
    return daftar_acara, daftar_asn, anggaran


def model_pasangan(daftar_acara, daftar_asn, anggaran, didanai=None):
    """The best (ASN reached, gap weights) and the lowest cost among those, by the plain model;
    ``didanai``: the indexes of the events funded, if fixed."""
    import highspy

    h = highspy.Highs()
    # As the optimiser's runs: HiGHS refuses a run in a thread whose scheduler was started
    # with another number of threads.
    h.setOptionValue("threads", 1)
    h.silent()
    calon = [x for x in daftar_asn if x.kekurangan_jp > 0]
    bobot = [bobot_kesenjangan(daftar_acara, x) for x in calon]
    D = sum(bobot) + 1
    y = h.addVariables(len(daftar_acara), lb=0, ub=1, type=highspy.HighsVarType.kInteger)
    if didanai is not None:
        for e in range(len(daftar_acara)):
            h.changeColBounds(y[e].index, float(e in didanai), float(e in didanai))
    z = h.addVariables(len(calon), lb=0, ub=1, type=highspy.HighsVarType.kInteger)
    pasangan = {
        (e, i): h.addVariable(lb=0, ub=1, type=highspy.HighsVarType.kInteger)
        for e, a in enumerate(daftar_acara)
        for i, x in enumerate(calon)
        if terbuka(a, x)
    }
    for i, x in enumerate(calon):
        jp = [
            min(daftar_acara[e].jp, x.kekurangan_jp) * v for (e, j), v in pasangan.items() if j == i
        ]
        h.addConstr(sum(jp) >= x.kekurangan_jp * z[i])
    biaya = {}
    for e, a in enumerate(daftar_acara):
        kursi = [(calon[i].opd_id, v) for (f, i), v in pasangan.items() if f == e]
        h.addConstr(sum(v for _o, v in kursi) <= a.kapasitas * y[e])
        for o in {o for o, _v in kursi}:
            h.addConstr(sum(v for p, v in kursi if p == o) <= a.kursi_untuk(o))
        jumlah = float(a.biaya_tetap) * y[e] + float(a.biaya_per_peserta) * sum(
            v for _o, v in kursi
        )
        biaya[a.sumber_dana] = biaya.get(a.sumber_dana, 0) + jumlah
    for s, b in biaya.items():
        h.addConstr(b <= float(anggaran.get(s, 0)))
    h.setOptionValue("mip_rel_gap", 0)
    h.setOptionValue("mip_abs_gap", 0.5)
    tujuan = sum((D + g) * v for g, v in zip(bobot, z, strict=True))
    h.maximize(tujuan)
    nilai = round(h.getObjectiveValue())
    h.addConstr(tujuan >= nilai - 0.5)
    h.setOptionValue("mip_abs_gap", 1e-6)
    h.minimize(sum(biaya.values()))
    return divmod(nilai, D), Decimal(round(h.getObjectiveValue()))


@pytest.mark.parametrize("seed", range(12))
def test_it_matches_the_pair_model(seed):
    daftar_acara, daftar_asn, anggaran = kasus_sedang(seed)
    hasil = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran=anggaran, batas_waktu=60)

    (tercapai, kesenjangan), biaya = model_pasangan(daftar_acara, daftar_asn, anggaran)
    assert hasil.status == StatusOptimasi.OPTIMAL
    assert hasil.prioritas_terbukti and hasil.biaya_minimal
    assert (hasil.jumlah_tercapai, hasil.bobot_kesenjangan) == (tercapai, kesenjangan)
    assert hasil.batas_bobot_kesenjangan == kesenjangan
    assert hasil.total_biaya == biaya
    periksa_batasan(hasil, daftar_acara, daftar_asn, anggaran)


@pytest.mark.parametrize("seed", range(8))
def test_step_two_starts_from_the_best_seats_in_the_events_of_step_one(seed):
    daftar_acara, daftar_asn, anggaran = kasus_sedang(seed)
    model = _Model(daftar_acara, daftar_asn, anggaran)
    sampai = time.perf_counter() + 60
    h, ada, terbukti = model._langkah_1(sampai)
    assert ada and terbukti
    nilai = np.asarray(h.getSolution().col_value)
    jumlah = round(h.getInfo().objective_function_value)
    biaya = np.zeros(model.ncol)
    biaya[model.zg_kolom] = model.zg_bobot

    baru = model._kursi_terbaik(nilai, jumlah, biaya, sampai)

    didanai = {e for e, y in enumerate(model.y) if round(nilai[y])}
    assert {e for e, y in enumerate(model.y) if round(baru[y])} == didanai
    assert round(baru[model.zg_kolom].sum()) == jumlah
    assert biaya @ baru >= biaya @ nilai - 1e-6
    # The best gap weights with the same events funded, by the plain model.
    (tercapai, kesenjangan), _biaya = model_pasangan(
        daftar_acara, daftar_asn, anggaran, didanai=didanai
    )
    assert (tercapai, round(biaya @ baru)) == (jumlah, kesenjangan)


def test_the_larger_plans_need_several_seats_of_the_same_jp():
    sama = 0
    for seed in range(12):
        daftar_acara, daftar_asn, anggaran = kasus_sedang(seed)
        hasil = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran=anggaran)
        jp = {a.id: a.jp for a in daftar_acara}
        for h in hasil.asn:
            nilai = [jp[a] for a in h.acara_ids]
            sama += len(nilai) >= 3 and len(set(nilai)) < len(nilai)
    assert sama >= 5


# ---------------------------------------------------------------------------------------------
# Single rules
# ---------------------------------------------------------------------------------------------


def test_one_core_runs_one_solver(monkeypatch):
    monkeypatch.setattr("pelatihan.optimasi.os.cpu_count", lambda: 1)
    dibuat = []
    asli = _Model._highs

    def highs(self, opsi=None):
        dibuat.append(opsi)
        return asli(self, opsi)

    monkeypatch.setattr(_Model, "_highs", highs)
    daftar_acara, daftar_asn, anggaran = kasus_sedang(6)

    # One solver on a loaded test machine: time enough to prove all three steps.
    hasil = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran=anggaran, batas_waktu=60)

    # Step 1 by one solver (the portfolio's first settings); the seats of step 2 within
    # step 1's events are a model of their own (no settings).
    assert dibuat == [{}, None]
    (tercapai, kesenjangan), biaya = model_pasangan(daftar_acara, daftar_asn, anggaran)
    assert (hasil.jumlah_tercapai, hasil.bobot_kesenjangan, hasil.total_biaya) == (
        tercapai,
        kesenjangan,
        biaya,
    )


def test_zero_budget_funds_nothing_with_reasons():
    daftar_acara = [acara(1, sumber="APBK"), acara(2, sumber="CSR")]
    daftar_asn = [asn(1), asn(2, jp=12)]

    hasil = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran={"APBK": Decimal(0)})

    assert hasil.status == StatusOptimasi.OPTIMAL
    assert hasil.terpilih == ()
    assert hasil.jumlah_tercapai == 0
    assert hasil.total_biaya == 0
    alasan = {t.acara.id: t.alasan for t in hasil.tidak_terpilih}
    assert alasan == {
        "K1": "Tidak ada anggaran untuk sumber dana APBK.",
        "K2": "Tidak ada anggaran untuk sumber dana CSR.",
    }
    assert [h.alasan for h in hasil.asn] == [
        "Kegiatan yang terbuka baginya dan terjangkau anggarannya hanya 0 JP, kurang dari "
        "kekurangan 20 JP.",
        "Kegiatan yang terbuka baginya dan terjangkau anggarannya hanya 0 JP, kurang dari "
        "kekurangan 8 JP.",
    ]


def test_a_free_event_needs_no_budget():
    hasil = anggaran_optimize(
        acara=[acara(1, tetap=0, peserta=0)], asn=[asn(1)], anggaran=Decimal(0)
    )

    assert [k.peserta for k in hasil.terpilih] == [(1,)]


def test_asn_at_target_gets_no_seat():
    daftar_asn = [asn(1, jp=20), asn(2, jp=25), asn(3, jp=10)]

    hasil = anggaran_optimize(
        acara=[acara(1, peserta=100_000)], asn=daftar_asn, anggaran=Decimal(10_000_000)
    )

    assert hasil.sudah_memenuhi == (1, 2)
    assert [k.peserta for k in hasil.terpilih] == [(3,)]
    assert [h.asn.id for h in hasil.asn] == [3]


def test_budget_binds_per_source():
    # APBK pays for one seat, APBA for two; a single total would pay for three anywhere.
    daftar_acara = [acara(1, sumber="APBK"), acara(2, sumber="APBA")]
    daftar_asn = [asn(i) for i in range(1, 6)]

    per_sumber = anggaran_optimize(
        acara=daftar_acara,
        asn=daftar_asn,
        anggaran={"APBK": Decimal(1_500_000), "APBA": Decimal(2_000_000)},
    )
    total = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran=Decimal(3_500_000))

    assert {k.acara.id: k.jumlah_peserta for k in per_sumber.terpilih} == {"K1": 1, "K2": 2}
    assert per_sumber.biaya_per_sumber == {"APBK": Decimal(1_000_000), "APBA": Decimal(2_000_000)}
    assert per_sumber.sisa_per_sumber == {"APBK": Decimal(500_000), "APBA": Decimal(0)}
    assert total.jumlah_tercapai == 3
    assert total.biaya_per_sumber == {"": Decimal(3_000_000)}


def test_seats_per_opd_cap_that_opd_and_others_share_the_rest():
    kegiatan = acara(1, kapasitas=4, kursi_per_opd={"DINKES": 1}, peserta=100_000)
    daftar_asn = [asn(1), asn(2), asn(3), asn(4, opd="RSUD"), asn(5, opd="RSUD")]

    hasil = anggaran_optimize(acara=[kegiatan], asn=daftar_asn, anggaran=Decimal(10_000_000))

    assert hasil.terpilih[0].kursi_per_opd == {"DINKES": 1, "RSUD": 2}
    alasan = {h.asn.id: h.alasan for h in hasil.belum_tercapai}
    assert set(alasan) == {2, 3}
    assert alasan[2] == (
        "Kursi kegiatan terpilih yang mencukupi kekurangan 20 JP sudah penuh: "
        "Pelatihan 1 (kuota OPD)."
    )


def test_opd_sasaran_keeps_other_opds_out():
    kegiatan = acara(1, opd_sasaran=frozenset({"RSUD"}))
    hasil = anggaran_optimize(
        acara=[kegiatan], asn=[asn(1, opd="DINKES")], anggaran=Decimal(10_000_000)
    )

    assert hasil.terpilih == ()
    assert hasil.tidak_terpilih[0].alasan == "Tidak ada ASN di bawah target JP pada OPD sasaran."
    assert hasil.asn[0].alasan == "Tidak ada kegiatan kandidat yang terbuka bagi OPD-nya."


def test_combination_of_distinct_events():
    # 20 JP short: two different 8-JP events are not enough, a third is needed; an event is
    # never counted twice for one ASN.
    daftar_acara = [acara(n, jp=8, kapasitas=2, peserta=100_000) for n in (1, 2, 3)]
    hasil = anggaran_optimize(
        acara=daftar_acara, asn=[asn(1), asn(2)], anggaran=Decimal(10_000_000)
    )

    assert hasil.jumlah_tercapai == 2
    assert [h.acara_ids for h in hasil.asn] == [("K1", "K2", "K3"), ("K1", "K2", "K3")]
    assert [h.jp_tambahan for h in hasil.asn] == [24, 24]


def test_larger_gaps_win_the_tie():
    # One seat. Same shortfall: the ASN with the larger gaps in the event's competencies gets
    # it, in the same OPD and across OPDs; a gap in a competency no event targets counts nothing.
    kegiatan = acara(1, kapasitas=1, kompetensi=frozenset({"M.01", "M.02"}))
    daftar_asn = [
        asn(1, gap={"M.01": 1}),
        asn(2, gap={"M.01": 2, "M.02": 1}),
        asn(3, opd="RSUD", gap={"M.02": 2}),
        asn(4, opd="RSUD", gap={"M.07": 4}),
    ]

    hasil = anggaran_optimize(acara=[kegiatan], asn=daftar_asn, anggaran=Decimal(10_000_000))

    assert hasil.terpilih[0].peserta == (2,)
    assert hasil.prioritas_terbukti
    assert {h.asn.id: h.bobot_kesenjangan for h in hasil.asn} == {1: 1, 2: 3, 3: 2, 4: 0}
    assert hasil.bobot_kesenjangan == 3


def test_more_asn_beat_larger_gaps():
    # Two cheap seats for ASN without gaps beat one dear seat for an ASN with a large gap.
    m01 = frozenset({"M.01"})
    daftar_acara = [
        acara(1, peserta=2_000_000, opd_sasaran=frozenset({"DINKES"}), kompetensi=m01),
        acara(2, peserta=1_000_000, opd_sasaran=frozenset({"RSUD"}), kompetensi=m01),
    ]
    daftar_asn = [asn(1, gap={"M.01": 3}), asn(2, opd="RSUD"), asn(3, opd="RSUD")]

    hasil = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran=Decimal(2_000_000))

    assert hasil.jumlah_tercapai == 2
    assert {h.asn.id for h in hasil.asn if h.tercapai} == {2, 3}


def test_cheapest_among_the_optima():
    # Either event reaches the one ASN; the cheaper is chosen.
    daftar_acara = [acara(1, tetap=3_000_000), acara(2, tetap=1_000_000)]
    hasil = anggaran_optimize(acara=daftar_acara, asn=[asn(1)], anggaran=Decimal(10_000_000))

    assert [k.acara.id for k in hasil.terpilih] == ["K2"]
    assert hasil.total_biaya == Decimal(2_000_000)
    assert hasil.biaya_minimal
    assert hasil.tidak_terpilih[0].alasan == (
        "Semua 1 ASN sasaran yang kekurangan JP sudah mencapai target melalui kegiatan terpilih "
        "lain."
    )


def test_reasons_for_events_left_out():
    daftar_acara = [
        acara(1, peserta=1_000_000, kapasitas=5),  # chosen
        acara(2, peserta=1_000_000, tetap=6_000_000, kapasitas=2),  # dearer per ASN
        acara(3, peserta=50_000_000),  # more than the whole budget
        acara(4, opd_sasaran=frozenset({"BPKD"})),  # nobody below target there
        acara(5, jp=8, peserta=100_000, kapasitas=1),  # not enough JP alone
    ]
    daftar_asn = [asn(i) for i in range(1, 8)]

    hasil = anggaran_optimize(
        acara=daftar_acara, asn=daftar_asn, anggaran={"APBK": Decimal(10_500_000)}
    )

    assert [k.acara.id for k in hasil.terpilih] == ["K1"]
    alasan = {t.acara.id: t.alasan for t in hasil.tidak_terpilih}
    assert alasan == {
        "K2": "Biaya Rp 4.000.000 per ASN yang dicapai lebih tinggi dari kegiatan terpilih "
        "(Rp 1.000.000 per ASN); sisa anggaran APBK Rp 5.500.000 tidak cukup untuk biaya tetap "
        "Rp 6.000.000 ditambah satu peserta Rp 1.000.000.",
        "K3": "Biaya tetap Rp 0 ditambah satu peserta Rp 50.000.000 melebihi seluruh anggaran "
        "APBK (Rp 10.500.000).",
        "K4": "Tidak ada ASN di bawah target JP pada OPD sasaran.",
        "K5": "Kegiatan ini (8 JP) sendiri tidak menutup kekurangan ASN sasaran yang belum "
        "mencapai target (paling sedikit 20 JP), dan tidak ada gabungannya dengan kursi lain "
        "yang masih tersedia dan muat dalam sisa anggaran APBK (Rp 5.500.000).",
    }


def test_reason_budget_used_up():
    daftar_acara = [
        acara(1, peserta=1_000_000, kapasitas=3),
        # As cheap per ASN when filled, but its fixed cost no longer fits.
        acara(2, peserta=500_000, tetap=3_000_000),
    ]
    daftar_asn = [asn(i) for i in range(1, 11)]

    hasil = anggaran_optimize(
        acara=daftar_acara, asn=daftar_asn, anggaran={"APBK": Decimal(4_000_000)}
    )

    assert hasil.jumlah_tercapai == 3
    assert hasil.tidak_terpilih[0].alasan == (
        "Anggaran APBK habis untuk kegiatan terpilih: sisa Rp 1.000.000 tidak cukup untuk biaya "
        "tetap Rp 3.000.000 ditambah satu peserta Rp 500.000."
    )
    assert {h.alasan for h in hasil.belum_tercapai} == {
        "Kursi kegiatan terpilih yang mencukupi kekurangan 20 JP sudah penuh: "
        "Pelatihan 1 (kapasitas)."
    }


def test_reasons_for_asn_without_a_chosen_event_that_covers_them():
    daftar_acara = [acara(1, jp=8, peserta=1_000_000), acara(2, jp=12, peserta=1_000_000)]
    # 20 and 16 short need both events (2 seats each), 10 short needs the 12-JP event only.
    daftar_asn = [asn(1), asn(2, jp=4), asn(3, jp=10)]

    hasil = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran=Decimal(2_500_000))

    assert hasil.jumlah_tercapai == 1
    assert [k.peserta for k in hasil.terpilih] == [(3,)]  # the cheapest of the optima
    alasan = {h.asn.id: h.alasan for h in hasil.belum_tercapai}
    assert alasan == {
        1: "Tidak ada kegiatan terpilih yang mencukupi kekurangan 20 JP; tidak ada gabungan "
        "kursi yang masih tersedia dan muat dalam sisa anggaran untuk menutupnya.",
        2: "Tidak ada kegiatan terpilih yang mencukupi kekurangan 16 JP; tidak ada gabungan "
        "kursi yang masih tersedia dan muat dalam sisa anggaran untuk menutupnya.",
    }
    assert hasil.tidak_terpilih[0].alasan == (
        "Kegiatan ini (8 JP) sendiri tidak menutup kekurangan ASN sasaran yang belum mencapai "
        "target (paling sedikit 16 JP), dan tidak ada gabungannya dengan kursi lain yang masih "
        "tersedia dan muat dalam sisa anggaran (Rp 1.500.000)."
    )


def test_reasons_name_a_source_as_given():
    daftar_acara = [acara(1, sumber="apbk", peserta=1_000_000), acara(2, sumber="csr")]
    nama = {"apbk": "APBK (APBD Kota)", "csr": "CSR / TJSL"}

    hasil = anggaran_optimize(
        acara=daftar_acara,
        asn=[asn(1), asn(2), asn(3)],
        anggaran={"apbk": Decimal(2_500_000)},
        nama_sumber=nama,
    )

    assert hasil.tidak_terpilih[0].alasan == "Tidak ada anggaran untuk sumber dana CSR / TJSL."
    assert hasil.belum_tercapai[0].alasan == (
        "Sisa anggaran tidak cukup untuk kursi tambahan yang menutup kekurangan 20 JP: paling "
        "sedikit Rp 1.000.000, sisa APBK (APBD Kota) Rp 500.000."
    )


def test_reason_for_asn_when_the_money_runs_out():
    daftar_asn = [asn(1), asn(2), asn(3)]

    hasil = anggaran_optimize(
        acara=[acara(1, peserta=1_000_000)], asn=daftar_asn, anggaran=Decimal(2_500_000)
    )

    assert hasil.jumlah_tercapai == 2
    assert hasil.belum_tercapai[0].alasan == (
        "Sisa anggaran tidak cukup untuk kursi tambahan yang menutup kekurangan 20 JP: paling "
        "sedikit Rp 1.000.000, sisa Rp 500.000."
    )


def test_no_event_gives_enough_jp():
    hasil = anggaran_optimize(acara=[acara(1, jp=8)], asn=[asn(1)], anggaran=Decimal(10_000_000))

    assert hasil.asn[0].alasan == (
        "Seluruh kegiatan kandidat yang terbuka baginya hanya 8 JP, kurang dari kekurangan 20 JP."
    )
    assert hasil.tidak_terpilih[0].alasan == (
        "ASN sasaran yang belum mencapai target tidak dapat mencapainya dengan semua kegiatan "
        "yang terbuka baginya dan terjangkau anggarannya."
    )


def test_time_limit_reported_honestly():
    # 100 events and 2,000 ASN cannot be solved in the 0.01 s the solver gets here.
    rng = random.Random(5)
    opds = [f"OPD{o}" for o in range(20)]
    daftar_acara = [
        acara(
            n,
            jp=rng.choice((8, 12, 16, 24, 32)),
            tetap=rng.randint(1, 50) * 1_000_000,
            peserta=rng.randint(7, 200) * 50_000,
            kapasitas=rng.randint(20, 40),
            opd_sasaran=frozenset(rng.sample(opds, 3)) if rng.random() < 0.5 else None,
        )
        for n in range(100)
    ]
    daftar_asn = [asn(n, opd=rng.choice(opds), jp=rng.randint(0, 19)) for n in range(2000)]

    hasil = anggaran_optimize(
        acara=daftar_acara, asn=daftar_asn, anggaran=Decimal(3_000_000_000), batas_waktu=0.0
    )

    assert hasil.status == StatusOptimasi.BATAS_WAKTU
    assert not hasil.prioritas_terbukti and not hasil.biaya_minimal
    assert hasil.batas_bobot_kesenjangan is None
    assert all(h.alasan for h in hasil.belum_tercapai)
    assert all(t.alasan for t in hasil.tidak_terpilih)
    # Nothing that rests on optimality is claimed.
    alasan = [t.alasan for t in hasil.tidak_terpilih] + [h.alasan for h in hasil.belum_tercapai]
    assert not any("tidak muat dalam sisa anggaran" in a for a in alasan)
    assert not any("untuk menutupnya" in a for a in alasan)


def test_negative_input_is_refused():
    with pytest.raises(ValueError):
        anggaran_optimize(acara=[acara(1, peserta=-1)], asn=[asn(1)], anggaran=Decimal(1))
    with pytest.raises(ValueError):
        anggaran_optimize(acara=[acara(1)], asn=[asn(1)], anggaran={"APBK": Decimal(-1)})


def test_minimal_types():
    assert tipe_minimal(20, {8: 3, 12: 1, 16: 2}) == [
        (16, 16),
        (16, 12),
        (16, 8),
        (12, 8),
        (8, 8, 8),
    ]
    assert tipe_minimal(10, {8: 1}) == []
    assert tipe_minimal(5, {8: 2, 4: 2}) == [(4, 4)]


def test_an_event_at_least_as_good_in_every_respect_is_funded_first():
    daftar_acara = [
        acara(0, jp=16, tetap=5_000_000, peserta=900_000, kompetensi=frozenset({"M.01"})),
        # Cheaper, more JP, more seats, the same competencies and more: dominates K0.
        acara(
            1,
            jp=20,
            tetap=4_000_000,
            peserta=800_000,
            kapasitas=12,
            kompetensi=frozenset({"M.01", "M.02"}),
        ),
        # As good but from another source: no pair.
        acara(2, jp=20, tetap=0, peserta=100_000, sumber="CSR", kompetensi=frozenset({"M.01"})),
        # Cheaper but targets other competencies: no pair.
        acara(3, jp=24, tetap=0, peserta=100_000, kompetensi=frozenset({"M.03"})),
        # Identical to K1: one direction only, the earlier funded first.
        acara(
            4,
            jp=20,
            tetap=4_000_000,
            peserta=800_000,
            kapasitas=12,
            kompetensi=frozenset({"M.01", "M.02"}),
        ),
    ]
    daftar_asn = [asn(n, jp=n % 5) for n in range(8)]
    model = _Model(daftar_acara, daftar_asn, {"APBK": Decimal(10**9), "CSR": Decimal(10**9)})

    pasangan = {(daftar_acara[e].id, daftar_acara[f].id) for e, f in model._dominasi(range(5))}

    assert pasangan == {("K0", "K1"), ("K0", "K4"), ("K4", "K1")}


def test_the_dominance_rows_keep_the_optimum_where_the_better_event_is_full():
    # K1 dominates K0 but seats only 2 of the 5 ASN: the optimum funds both.
    daftar_acara = [
        acara(0, jp=20, peserta=1_000_000, kapasitas=5),
        acara(1, jp=20, peserta=900_000, kapasitas=5, kursi_per_opd={"DINKES": 2}),
    ]
    daftar_asn = [asn(n) for n in range(5)]

    hasil = anggaran_optimize(acara=daftar_acara, asn=daftar_asn, anggaran=Decimal(4_800_000))

    assert hasil.status == StatusOptimasi.OPTIMAL and hasil.biaya_minimal
    assert hasil.jumlah_tercapai == 5
    assert {k.acara.id: k.jumlah_peserta for k in hasil.terpilih} == {"K0": 3, "K1": 2}


def test_a_step_that_runs_past_the_limit_is_left_behind(monkeypatch):
    """HiGHS may not look at its clock for seconds (a round of cuts at the root): the call
    still returns by its limit, with the last step that ended."""
    monkeypatch.setattr("pelatihan.optimasi.os.cpu_count", lambda: 1)
    daftar_acara, daftar_asn, anggaran = kasus_acak(3)
    asli = highspy.Highs.run
    runs = []

    def run(self):
        runs.append(threading.current_thread())
        if len(runs) == 1:
            return asli(self)  # step 1
        time.sleep(5)  # step 2, deaf to its limit and to the stop
        return highspy.HighsStatus.kOk

    monkeypatch.setattr(highspy.Highs, "run", run)
    mulai = time.perf_counter()

    hasil = anggaran_optimize(
        acara=daftar_acara, asn=daftar_asn, anggaran=anggaran, batas_waktu=1.5
    )

    assert time.perf_counter() - mulai < 1.5
    assert len(runs) == 2 and runs[1].is_alive()  # step 2 started, left behind; no step 3
    tercapai, _kesenjangan, _biaya = brute_force(daftar_acara, daftar_asn, anggaran)
    assert hasil.status == StatusOptimasi.OPTIMAL and hasil.jumlah_tercapai == tercapai
    assert not hasil.prioritas_terbukti and not hasil.biaya_minimal


def test_the_solver_prints_nothing():
    # HiGHS prints its banner once per process, so this runs in a fresh one: a command that
    # prints JSON (or a worker's log) must not start with "Running HiGHS".
    kode = (
        "import django; django.setup()\n"
        "from decimal import Decimal\n"
        "from pelatihan.optimasi import AcaraKandidat, AsnKandidat, anggaran_optimize\n"
        "acara = [AcaraKandidat(1, 'A', 20, Decimal(0), Decimal(100), 'APBK', 5)]\n"
        "asn = [AsnKandidat(1, 'O', 0, 20)]\n"
        "print(anggaran_optimize(acara=acara, asn=asn, anggaran=Decimal(100)).jumlah_tercapai)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "langsa_kompetensi.settings"}
    hasil = subprocess.run(
        [sys.executable, "-c", kode], capture_output=True, text=True, env=env, check=True
    )
    assert hasil.stdout == "1\n"
