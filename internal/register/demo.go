package register

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Demo data: every company, person, address, email and product here is
// fictional. Email addresses use the reserved example.com/.org/.net domains.
//
// A store fills a demo register in this order, since evaluations, history and
// meetings refer to ids the store assigns:
//
//	entities := DemoEntities(seed)      // insert each; set entities[i].ID
//	evals := DemoEvaluations(seed, entities)
//	history := DemoHistory(entities)
//	partners := DemoPartners()          // insert each; set partners[i].ID
//	meetings := DemoMeetings(partners, entities)
//
// Everything is deterministic: the same seed gives the same data. The data is
// written as of DemoDay (a past meeting with one follow-up overdue and one
// due, the next meeting ahead, no history after that day); a register moves
// it to its own day with DemoShift and the ShiftDemo functions, before
// deriving what depends on the entities and meetings.

// hkt is Hong Kong time, for demo timestamps.
var hkt = time.FixedZone("HKT", 8*60*60)

// DemoDay is the day the demo data is written as of.
var DemoDay = time.Date(2026, 6, 20, 0, 0, 0, 0, hkt)

// DemoShift returns the days to move the demo data by so that it reads as of
// now: the whole weeks (weekdays stay) from DemoDay to now's day in Hong
// Kong, rounded down, so that now falls 0 to 6 days after the moved
// DemoDay. It is 0 for a now in DemoDay's week, negative before it.
func DemoShift(now time.Time) int {
	y, m, d := now.In(hkt).Date()
	days := int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(DemoDay.Year(), DemoDay.Month(), DemoDay.Day(), 0, 0, 0, 0, time.UTC)).Hours()) / 24
	weeks := days / 7
	if days < 0 && days%7 != 0 {
		weeks--
	}
	return weeks * 7
}

// shiftDate moves a "YYYY-MM-DD" date by days; other text (empty) is kept.
func shiftDate(s string, days int) string {
	t, err := time.ParseInLocation(time.DateOnly, s, hkt)
	if err != nil {
		return s
	}
	return t.AddDate(0, 0, days).Format(time.DateOnly)
}

// shiftMonth moves a date by days, and a month as its middle day is moved
// (so a year of days later is the same month).
func shiftMonth(m Month, days int) Month {
	if m.IsZero() || !m.Valid() {
		return m
	}
	if m.HasDay() {
		return Month(shiftDate(string(m), days))
	}
	return MonthOf(m.Time().AddDate(0, 0, 14+days))
}

// ShiftDemoEntities moves every date and time of DemoEntities by days
// (DemoShift): received, created, updated and expected starts. Their
// evaluations, history and sample emails follow from these.
func ShiftDemoEntities(es []Entity, days int) {
	for i := range es {
		e := &es[i]
		e.ReceivedOn = shiftDate(e.ReceivedOn, days)
		e.CreatedAt = e.CreatedAt.AddDate(0, 0, days)
		e.UpdatedAt = e.UpdatedAt.AddDate(0, 0, days)
		for j := range e.Submissions {
			e.Submissions[j].ExpectedStart = shiftMonth(e.Submissions[j].ExpectedStart, days)
		}
	}
}

// ShiftDemoPartners moves DemoPartners' timestamps by days (DemoShift).
func ShiftDemoPartners(ps []Partner, days int) {
	for i := range ps {
		ps[i].CreatedAt = ps[i].CreatedAt.AddDate(0, 0, days)
		ps[i].UpdatedAt = ps[i].UpdatedAt.AddDate(0, 0, days)
	}
}

// ShiftDemoMeetings moves DemoMeetingRecords' times and follow-up due dates
// by days (DemoShift); DemoConflict follows from them.
func ShiftDemoMeetings(ms []MeetingRecord, days int) {
	for i := range ms {
		m := &ms[i]
		m.StartsAt = m.StartsAt.AddDate(0, 0, days)
		m.CreatedAt = m.CreatedAt.AddDate(0, 0, days)
		m.UpdatedAt = m.UpdatedAt.AddDate(0, 0, days)
		actions := make([]Action, len(m.Actions))
		for j, a := range m.Actions {
			a.Due = shiftDate(a.Due, days)
			actions[j] = a
		}
		m.Actions = actions
	}
}

// DemoOfficer is the fictional contact officer named in demo history.
const DemoOfficer = "Joyce Lam (contact officer)"

// demoEvaluators are the fictional HKSTP evaluators of the demo.
var demoEvaluators = [2]string{"Dr Evelyn Tam", "Marcus Yip"}

type demoCompany struct {
	name, code, domain string
	zh                 bool // Traditional Chinese name and address
}

var demoCompanies = []demoCompany{
	{"Harbourline Cell Therapeutics Ltd", "HLC", "harbourline-cell.example.com", false},
	{"Lion Rock Gene Medicine Ltd", "LRG", "lionrock-gene.example.com", false},
	{"翠峰細胞醫學有限公司", "TFC", "tsuifung-cell.example.com", true},
	{"Kowloon Bay Biologics Ltd", "KBB", "kbbiologics.example.net", false},
	{"Tolo Harbour Regenerative Sciences Ltd", "THR", "tolo-regen.example.com", false},
	{"海澄基因治療有限公司", "HCG", "hoiching-gene.example.com", true},
	{"Pak Shek Kok Immunotherapy Ltd", "PSK", "psk-immuno.example.com", false},
	{"Victoria Peak Biotherapeutics Ltd", "VPB", "vpeak-bio.example.org", false},
	{"晨曦再生醫學有限公司", "SRM", "sunrise-regen.example.com", true},
	{"Jade Crane Cell Engineering Ltd", "JCE", "jadecrane.example.com", false},
	{"Sai Kung Tissue Works Ltd", "SKT", "saikung-tissue.example.com", false},
	{"朗程幹細胞科技有限公司", "LCS", "longcheng-stemcell.example.com", true},
	{"Silverstrand Vector Labs Ltd", "SVL", "silverstrand.example.net", false},
	{"Shing Mun Biomedical Ltd", "SMB", "shingmun-bio.example.com", false},
	{"青衣細胞工程有限公司", "TYC", "tsingyi-cell.example.com", true},
	{"Lantau Genomic Therapies Ltd", "LGT", "lantau-genomic.example.com", false},
	{"Cheung Chau Cartilage Technologies Ltd", "CCC", "cc-cartilage.example.com", false},
	{"Tai Po Immuno-Oncology Ltd", "TPI", "taipo-io.example.com", false},
	{"麗港組織工程有限公司", "LKT", "laikong-tissue.example.com", true},
	{"Amberwave Therapeutics (HK) Ltd", "AWT", "amberwave.example.org", false},
	{"Cypress Gate Biologics Ltd", "CGB", "cypressgate.example.com", false},
	{"博澄生物科技有限公司", "PCB", "pokching-bio.example.com", true},
	{"Northpoint iPSC Sciences Ltd", "NPS", "northpoint-ipsc.example.com", false},
	{"Ma On Shan Medical Cell Ltd", "MOS", "mos-medcell.example.com", false},
	{"星河細胞治療有限公司", "SHC", "singho-cell.example.com", true},
	{"Kingfisher Bioprocess Ltd", "KFB", "kingfisher-bp.example.net", false},
	{"Plover Cove Skin Regeneration Ltd", "PCS", "plovercove-skin.example.com", false},
	{"Red Lantern Gene Editing Ltd", "RLG", "redlantern-ge.example.com", false},
	{"雲澗基因科技有限公司", "WKG", "wankan-gene.example.com", true},
	{"Fanling Cord Biosciences Ltd", "FCB", "fanling-cord.example.com", false},
	{"Tung Chung Neurocell Ltd", "TCN", "tc-neurocell.example.com", false},
	{"Orchid Bay Immunotherapies Ltd", "OBI", "orchidbay-immuno.example.org", false},
	{"澤林再生醫學研究有限公司", "CLR", "chaklam-regen.example.com", true},
	{"Stonecutters Biotherapeutics Ltd", "STB", "stonecutters-bio.example.com", false},
	{"Mangrove Vector Works Ltd", "MVW", "mangrove-vector.example.com", false},
	{"Clearwater Bay Cell Sciences Ltd", "CWB", "clearwaterbay-cell.example.com", false},
	{"曦和細胞生物有限公司", "HWC", "heiwo-cellbio.example.com", true},
	{"Eastwind Organoid Therapeutics Ltd", "EOT", "eastwind-organoid.example.com", false},
	{"Hoi Ha Marine Biomedicine Ltd", "HHM", "hoiha-marine.example.net", false},
	{"Tsing Ma Translational Medicine Ltd", "TMT", "tsingma-tm.example.com", false},
}

type demoPerson struct{ name, local string }

var demoPeople = []demoPerson{
	{"Dr Ada Fung", "ada.fung"}, {"Prof. Kelvin Leung", "kelvin.leung"}, {"Ms Winnie Chan", "winnie.chan"},
	{"陳家豪博士", "kaho.chan"}, {"Dr Priya Raman", "priya.raman"}, {"Mr Jason Wong", "jason.wong"},
	{"李嘉敏女士", "kaman.lee"}, {"Dr Henrik Olsen", "henrik.olsen"}, {"Dr Grace Ip", "grace.ip"},
	{"Mr Samuel Cheng", "samuel.cheng"}, {"黃志強教授", "chikeung.wong"}, {"Dr Mei Lin Tan", "meilin.tan"},
	{"Ms Olivia Ho", "olivia.ho"}, {"Dr Rahul Mehta", "rahul.mehta"}, {"張詠詩博士", "wingsze.cheung"},
	{"Mr Tony Lau", "tony.lau"}, {"Dr Sophie Martin", "sophie.martin"}, {"Dr Ivan Kwok", "ivan.kwok"},
	{"何美玲女士", "meiling.ho"}, {"Prof. Daniel Yeung", "daniel.yeung"},
}

var demoAddressesEN = []string{
	"Unit %d, %d/F, Building %dW, %d Science Park West Avenue, Hong Kong Science Park, Pak Shek Kok, N.T.",
	"Unit %d, %d/F, Biotech Centre %d, %d Science Park East Avenue, Hong Kong Science Park, Sha Tin, N.T.",
	"Room %d, %d/F, Harbourfront Innovation Tower %d, %d Hung To Road, Kwun Tong, Kowloon",
	"Suite %d, %d/F, Block %d, Cyberview Bio Hub, %d Cyberport Road, Pok Fu Lam, Hong Kong",
}

var demoAddressesZH = []string{
	"新界沙田白石角香港科學園科技大道西%[4]d號%[3]dW大樓%[2]d樓%[1]d室",
	"新界沙田香港科學園科技大道東%[4]d號生物科技中心%[3]d座%[2]d樓%[1]d室",
	"九龍觀塘鴻圖道%[4]d號創新大廈%[3]d座%[2]d樓%[1]d室",
}

type archetype struct {
	short, zh                     string
	composition, form, indication string
	routes                        []Route
	routeOther                    string
	atp                           ATPType
	vector                        GeneVector
	materials                     []StartingMaterial
	materialsOther                string
	process                       ProcessType
}

var demoArchetypes = []archetype{
	{"anti-CD19 CAR-T", "抗CD19 CAR-T細胞",
		"Autologous CD3+ T cells transduced with a lentiviral vector encoding an anti-CD19 CAR (4-1BB/CD3ζ); target dose 1×10⁶ CAR+ cells/kg in 50 mL cryopreservation medium with 5% DMSO.",
		"Cryopreserved cell suspension for infusion", "Relapsed or refractory B-cell acute lymphoblastic leukaemia in adults",
		[]Route{RouteIntravenous}, "", ATPGeneTherapy, VectorViral, []StartingMaterial{MaterialPeripheralBlood}, "", ProcessClosedSystem},
	{"allogeneic CAR-NK", "異體CAR-NK細胞",
		"Cord blood-derived NK cells expanded on feeder-free medium and transduced with a retroviral anti-CD33 CAR; 1×10⁸ viable cells per bag.",
		"Cell suspension for infusion", "Relapsed acute myeloid leukaemia",
		[]Route{RouteIntravenous}, "", ATPGeneTherapy, VectorViral, []StartingMaterial{MaterialCordBlood}, "", ProcessClosedSystem},
	{"umbilical cord MSC", "臍帶間充質幹細胞",
		"Allogeneic mesenchymal stromal cells from Wharton's jelly, passage 4; 5×10⁷ cells in 20 mL saline with 2% human serum albumin.",
		"Suspension for injection", "Knee osteoarthritis (Kellgren–Lawrence grade II–III)",
		[]Route{RouteOther}, "Intra-articular injection", ATPCellTherapy, "", []StartingMaterial{MaterialCordTissue}, "", ProcessOpenManual},
	{"adipose-derived regenerative cells", "脂肪來源再生細胞",
		"Autologous stromal vascular fraction isolated enzymatically from lipoaspirate; 2–4×10⁷ nucleated cells in 5 mL Ringer's lactate.",
		"Cell suspension for injection", "Facial lipoatrophy and atrophic scars",
		[]Route{RouteIntradermal, RouteSubcutaneous}, "", ATPCellTherapy, "", []StartingMaterial{MaterialAdiposeTissue}, "", ProcessClosedSystem},
	{"AAV2 retinal gene therapy", "視網膜AAV基因治療",
		"Recombinant AAV2 vector carrying a codon-optimised RPE65 cDNA under a CAG promoter; 1.5×10¹¹ vector genomes per eye in 300 µL.",
		"Solution for subretinal injection", "Inherited retinal dystrophy due to biallelic RPE65 mutations",
		[]Route{RouteOther}, "Subretinal injection", ATPGeneTherapy, VectorViral, []StartingMaterial{MaterialOther}, "HEK293 master cell bank; plasmid DNA", ProcessOpenManual},
	{"AAV9 neuromuscular gene therapy", "AAV9神經肌肉基因治療",
		"Self-complementary AAV9 vector expressing a functional SMN1 transgene; 1.1×10¹⁴ vg/kg, single dose.",
		"Suspension for intravenous infusion", "Spinal muscular atrophy type 1 in infants",
		[]Route{RouteIntravenous}, "", ATPGeneTherapy, VectorViral, []StartingMaterial{MaterialOther}, "HEK293 suspension cell bank; triple-plasmid transfection", ProcessClosedSystem},
	{"iPSC-derived dopaminergic progenitors", "誘導多能幹細胞來源多巴胺神經前體細胞",
		"Allogeneic iPSC-derived midbrain dopaminergic progenitor cells (FOXA2+/LMX1A+ > 80%); 5×10⁶ cells per hemisphere.",
		"Cell suspension for implantation", "Parkinson's disease (moderate, Hoehn and Yahr stage 3)",
		[]Route{RouteOther}, "Intraputaminal stereotactic injection", ATPCellTherapy, "", []StartingMaterial{MaterialOther}, "Clinical-grade iPSC master cell bank", ProcessOpenManual},
	{"tissue-engineered cartilage", "組織工程軟骨",
		"Autologous chondrocytes expanded and seeded on a collagen type I/III scaffold; 1×10⁶ cells/cm², 4 cm² implant.",
		"Implant (cell-seeded scaffold)", "Focal cartilage defects of the knee",
		[]Route{RouteOther}, "Surgical implantation", ATPTissueEngineered, "", []StartingMaterial{MaterialOther}, "Articular cartilage biopsy", ProcessOpenManual},
	{"tissue-engineered skin substitute", "組織工程皮膚替代物",
		"Bilayered construct of allogeneic keratinocytes and fibroblasts on a fibrin matrix; 7.5 cm × 7.5 cm sheet.",
		"Living cellular sheet", "Deep partial-thickness burns and chronic diabetic foot ulcers",
		[]Route{RouteOther}, "Topical application to the wound bed", ATPTissueEngineered, "", []StartingMaterial{MaterialCordTissue, MaterialOther}, "Neonatal foreskin keratinocyte cell bank", ProcessOpenManual},
	{"in vivo base-editing LNP", "體內鹼基編輯脂質納米顆粒",
		"Lipid nanoparticle encapsulating adenine base editor mRNA and a chemically modified guide RNA; 0.5 mg/kg total RNA.",
		"Concentrate for solution for infusion", "Heterozygous familial hypercholesterolaemia",
		[]Route{RouteIntravenous}, "", ATPGeneTherapy, VectorNonViral, []StartingMaterial{MaterialOther}, "Synthetic mRNA and guide RNA; ionisable lipids", ProcessClosedSystem},
	{"EBV-specific TCR-T", "EB病毒特異性TCR-T細胞",
		"Autologous T cells engineered with a lentiviral TCR recognising an EBV LMP2 epitope (HLA-A*11:01); 1–5×10⁹ cells.",
		"Cryopreserved cell suspension for infusion", "Recurrent or metastatic nasopharyngeal carcinoma",
		[]Route{RouteIntravenous}, "", ATPGeneTherapy, VectorViral, []StartingMaterial{MaterialPeripheralBlood}, "", ProcessClosedSystem},
	{"virus-specific T cells", "病毒特異性T細胞",
		"Partially HLA-matched donor T cells stimulated with CMV, EBV and adenovirus peptide pools; 2×10⁷ cells/m².",
		"Cell suspension for infusion", "Refractory viral infections after haematopoietic stem cell transplantation",
		[]Route{RouteIntravenous}, "", ATPCellTherapy, "", []StartingMaterial{MaterialPeripheralBlood}, "", ProcessOpenManual},
	{"bone marrow MSC", "骨髓間充質幹細胞",
		"Allogeneic bone marrow mesenchymal stromal cells, passage 3; 2×10⁶ cells/kg in 100 mL.",
		"Suspension for infusion", "Steroid-refractory acute graft-versus-host disease",
		[]Route{RouteIntravenous}, "", ATPCellTherapy, "", []StartingMaterial{MaterialBoneMarrow}, "", ProcessClosedSystem},
	{"expanded cord blood stem cells", "擴增臍帶血幹細胞",
		"Single cord blood unit CD34+ cells expanded ex vivo with a small-molecule cocktail for 21 days; ≥ 2×10⁶ CD34+ cells/kg.",
		"Cryopreserved cell suspension for infusion", "Haematological malignancies requiring allogeneic transplantation",
		[]Route{RouteIntravenous}, "", ATPCellTherapy, "", []StartingMaterial{MaterialCordBlood}, "", ProcessClosedSystem},
	{"tumour-infiltrating lymphocytes", "腫瘤浸潤淋巴細胞",
		"Autologous TILs expanded from resected tumour with IL-2 and a rapid expansion protocol; up to 1.5×10¹¹ cells.",
		"Cell suspension for infusion", "Advanced melanoma and cervical cancer after checkpoint inhibitors",
		[]Route{RouteIntravenous}, "", ATPCellTherapy, "", []StartingMaterial{MaterialOther}, "Tumour tissue from surgical resection", ProcessOpenManual},
	{"transposon CAR-T", "轉座子CAR-T細胞",
		"Autologous T cells modified by piggyBac transposon electroporation with an anti-BCMA CAR; 4.5×10⁸ CAR+ cells.",
		"Cryopreserved cell suspension for infusion", "Relapsed or refractory multiple myeloma",
		[]Route{RouteIntravenous}, "", ATPGeneTherapy, VectorNonViral, []StartingMaterial{MaterialPeripheralBlood}, "", ProcessClosedSystem},
	{"autologous dermal fibroblasts", "自體真皮纖維母細胞",
		"Autologous fibroblasts expanded from a 3 mm skin punch biopsy; 1–2×10⁷ cells/mL, 1 mL per session.",
		"Suspension for intradermal injection", "Moderate to severe acne scars",
		[]Route{RouteIntradermal}, "", ATPCellTherapy, "", []StartingMaterial{MaterialOther}, "Skin punch biopsy", ProcessOpenManual},
	{"corneal endothelial cell therapy", "角膜內皮細胞治療",
		"Cultured human corneal endothelial cells with a ROCK inhibitor; 1×10⁶ cells in 300 µL.",
		"Cell suspension for injection", "Corneal endothelial dysfunction (bullous keratopathy)",
		[]Route{RouteOther}, "Intracameral injection", ATPTissueEngineered, "", []StartingMaterial{MaterialOther}, "Donor corneal endothelial cells", ProcessOpenManual},
}

var demoPDFurther = []string{
	"Scale-up from research scale (2 batches a month) to 10 GMP batches a month; potency assay still to be qualified.",
	"Tech transfer of the research process into closed, automated equipment; comparability study planned for Q2.",
	"Analytical method validation (identity, purity, potency) and a shelf-life study for the cryopreserved product.",
	"Vector manufacturing to be moved to a GMP-compliant supplier; replication-competent virus testing to be set up.",
	"Serum-free medium change and removal of research-grade reagents; about 9–12 months of development.",
	"Process locked at pilot scale; only media fill and aseptic process simulation remain.",
}

var demoTrainingDetails = []string{
	"PIC/S GMP Annex 2A for advanced therapy products; batch certification duties of the Authorized Person.",
	"Aseptic processing and cleanroom behaviour; deviation and CAPA handling for the production team.",
	"QC release testing for cell products (sterility, mycoplasma, endotoxin) and data integrity.",
	"Qualified Person / Authorized Person refresher under the Pharmacy and Poisons Regulations; supplier qualification.",
	"Environmental monitoring and contamination control strategy (Annex 1) for open manual steps.",
}

var demoOtherUses = []string{
	"Investigator-initiated study under a hospital ethics approval",
	"Named-patient supply under a compassionate use programme",
	"Process validation batches for an overseas marketing application",
}

var demoEntityNotes = []string{
	"",
	"",
	"Spoke to the CEO after the webinar; keen to start process development this year.",
	"負責人話下個月會補返啲資料，佢哋喺科學園已經有實驗室。",
	"佢哋嘅 QC 團隊做咗好多年細胞產品放行，應該唔使太多培訓。",
	"Very keen 👍 asked twice about slot availability in the closed-system suite.",
	"Sent the slide deck 📎 after the call; waiting for their CMC summary.",
	"Overseas parent company; Hong Kong subsidiary set up in 2025 to run Asian trials.",
	"University spin-off; founders still hold academic posts.",
	"Asked whether HKSTP can help with the PPBHK licence application.",
	"Prefers meetings in Cantonese; 聯絡人今個禮拜喺外地開會。",
}

var demoDeclineReasons = []string{
	"Product is a cosmetic cell preparation, not an ATP within the RFI.",
	"No process development data; invited to reapply when preclinical work is complete.",
	"Capacity need falls outside the facilities' scope (commercial-scale viral vector production).",
}

var demoWithdrawReasons = []string{
	"Entity chose a contract manufacturer in Singapore.",
	"Funding round delayed; entity withdrew its interest for now.",
}

var demoHoldReasons = []string{
	"Awaiting the entity's updated CMC package.",
	"Entity restructuring; contact person on leave until next quarter.",
	"Waiting for the partner facility's capacity plan for next year.",
}

// demoStatuses is the status mix of the 40 demo entities.
var demoStatuses = []struct {
	s Status
	n int
}{
	{StatusReceived, 6}, {StatusScreening, 6}, {StatusEvaluation, 7}, {StatusInvited, 5},
	{StatusInDialogue, 5}, {StatusEngaged, 3}, {StatusDeclined, 3}, {StatusWithdrawn, 2}, {StatusOnHold, 3},
}

func demoRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// DemoEntities returns 40 fictional entities with 1 to 3 product submissions
// each, across every status, some incomplete, some with Traditional Chinese
// names and addresses, Cantonese or emoji in notes. IDs are 0 (a store assigns
// them); statuses, dates and timestamps are set. Every entity is valid.
// The same seed gives the same entities.
func DemoEntities(seed int64) []Entity {
	r := demoRand(seed, 1)
	var statuses []Status
	for _, s := range demoStatuses {
		for range s.n {
			statuses = append(statuses, s.s)
		}
	}
	r.Shuffle(len(statuses), func(i, j int) { statuses[i], statuses[j] = statuses[j], statuses[i] })
	companies := append([]demoCompany(nil), demoCompanies...)
	r.Shuffle(len(companies), func(i, j int) { companies[i], companies[j] = companies[j], companies[i] })

	base := time.Date(2025, 9, 1, 9, 0, 0, 0, hkt)
	out := make([]Entity, len(companies))
	forcedIncomplete := map[Status]bool{}
	noteOffset := r.IntN(len(demoEntityNotes))
	for i, c := range companies {
		p := demoPeople[(i*7+r.IntN(3))%len(demoPeople)]
		received := base.AddDate(0, 0, r.IntN(200))
		e := Entity{
			Name:         c.name,
			ContactName:  p.name,
			ContactEmail: p.local + "@" + c.domain,
			ContactPhone: fmt.Sprintf("+852 %d%03d %04d", 3+r.IntN(3), r.IntN(1000), r.IntN(10000)),
			Status:       statuses[i],
			ReceivedOn:   received.Format(time.DateOnly),
			Notes:        demoEntityNotes[(i+noteOffset)%len(demoEntityNotes)],
			CreatedAt:    received.Add(time.Duration(r.IntN(480)) * time.Minute),
		}
		unit, floor, block, street := 100+r.IntN(900), 1+r.IntN(20), 1+r.IntN(20), 1+r.IntN(30)
		if c.zh {
			e.Address = fmt.Sprintf(pick(r, demoAddressesZH), unit, floor, block, street)
		} else {
			e.Address = fmt.Sprintf(pick(r, demoAddressesEN), unit, floor, block, street)
		}
		if r.IntN(2) == 0 {
			e.Source = fmt.Sprintf("Email: RFI – GMP capacity for ATPs – %s", c.name)
		} else {
			e.Source = fmt.Sprintf("Message-ID <%08x.%d@mail.%s>", r.Uint32(), 1000+i, c.domain)
		}
		e.Tags = demoTags(r, e.Status)
		n := 1
		switch x := r.IntN(20); {
		case x >= 17:
			n = 3
		case x >= 10:
			n = 2
		}
		used := map[int]bool{}
		for k := range n {
			a := r.IntN(len(demoArchetypes))
			if k == 0 {
				a = demoLeadArchetype(r, c.name)
			}
			for used[a] {
				a = (a + 1) % len(demoArchetypes)
			}
			used[a] = true
			e.Submissions = append(e.Submissions, demoSubmission(r, c, k, demoArchetypes[a], received))
		}
		incomplete := false
		switch e.Status {
		case StatusReceived, StatusScreening, StatusOnHold:
			incomplete = !forcedIncomplete[e.Status] || r.IntN(2) == 0
			forcedIncomplete[e.Status] = true
		case StatusDeclined, StatusEvaluation:
			incomplete = r.IntN(4) == 0
		}
		if incomplete {
			demoDropItems(r, &e)
		}
		e.UpdatedAt = e.CreatedAt.Add(time.Duration(24+r.IntN(24*60)) * time.Hour)
		out[i] = e
	}
	return out
}

// demoFocus maps words of a company's name to the archetypes (indices into
// demoArchetypes) its lead product comes from, so names and products agree.
var demoFocus = []struct {
	words []string
	kinds []int
}{
	{[]string{"Cartilage"}, []int{7}},
	{[]string{"Skin"}, []int{8, 16}},
	{[]string{"iPSC", "Neurocell", "幹細胞"}, []int{6}},
	{[]string{"Cord"}, []int{1, 2, 13}},
	{[]string{"Gene", "Genomic", "Vector", "基因"}, []int{4, 5, 9, 15}},
	{[]string{"Immuno", "Oncology"}, []int{0, 1, 10, 14, 15}},
	{[]string{"Tissue", "組織", "Organoid"}, []int{7, 8, 17}},
	{[]string{"Cell", "細胞"}, []int{0, 2, 3, 11, 12, 13}},
}

func demoLeadArchetype(r *rand.Rand, name string) int {
	for _, f := range demoFocus {
		for _, w := range f.words {
			if strings.Contains(name, w) {
				return pick(r, f.kinds)
			}
		}
	}
	return r.IntN(len(demoArchetypes))
}

func demoTags(r *rand.Rand, s Status) []string {
	pool := []string{"CAR-T", "MSC", "AAV", "iPSC", "tissue engineering", "university spin-off", "overseas", "startup", "細胞治療", "follow up"}
	var tags []string
	for range r.IntN(3) {
		t := pick(r, pool)
		if !contains(tags, t) {
			tags = append(tags, t)
		}
	}
	if s == StatusInvited || s == StatusInDialogue {
		if r.IntN(2) == 0 {
			tags = append(tags, "priority")
		}
	}
	return tags
}

func demoSubmission(r *rand.Rand, c demoCompany, k int, a archetype, received time.Time) Submission {
	name := fmt.Sprintf("%s-%d%02d %s", c.code, 1+k, 1+r.IntN(30), a.short)
	if c.zh {
		name = fmt.Sprintf("%s-%d%02d %s", c.code, 1+k, 1+r.IntN(30), a.zh)
	}
	s := Submission{
		ProductName:            name,
		Composition:            a.composition,
		PharmaceuticalForm:     a.form,
		TherapeuticIndication:  a.indication,
		Routes:                 append([]Route(nil), a.routes...),
		RouteOther:             a.routeOther,
		ATPType:                a.atp,
		GeneVector:             a.vector,
		StartingMaterials:      append([]StartingMaterial(nil), a.materials...),
		StartingMaterialsOther: a.materialsOther,
		ProcessType:            a.process,
		GMPBefore:              YesNoOf(r.IntN(3) == 0),
		HasAuthorizedPerson:    YesNoOf(r.IntN(5) < 2),
	}
	switch x := r.IntN(20); {
	case x < 11:
		s.IntendedUse = UsePhase1
	case x < 15:
		s.IntendedUse = UsePhase2
	case x < 17:
		s.IntendedUse = UsePhase3
	case x < 19:
		s.IntendedUse = UseHKRegistered
	default:
		s.IntendedUse = UseOther
		s.IntendedUseOther = pick(r, demoOtherUses)
	}
	if r.IntN(5) < 2 {
		s.PDCompleted = Yes
	} else {
		s.PDCompleted = No
		s.PDFurther = pick(r, demoPDFurther)
	}
	if r.IntN(20) < 11 {
		s.NeedsTraining = Yes
		for _, role := range TrainingRoles() {
			if r.IntN(2) == 0 {
				s.TrainingRoles = append(s.TrainingRoles, role)
			}
		}
		if len(s.TrainingRoles) == 0 {
			s.TrainingRoles = []TrainingRole{pick(r, TrainingRoles())}
		}
		s.TrainingDetails = pick(r, demoTrainingDetails)
	} else {
		s.NeedsTraining = No
	}
	start := received.AddDate(0, 4+r.IntN(30), 0)
	s.ExpectedStart = MonthOf(start)
	if r.IntN(6) == 0 {
		s.ExpectedStart = Month(time.Date(start.Year(), start.Month(), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
	}
	switch r.IntN(8) {
	case 0:
		s.Notes = "Phase I protocol drafted with a public hospital; ethics submission planned."
	case 1:
		s.Notes = "佢哋話 vector 由海外供應商提供，要再確認 GMP 證書。"
	case 2:
		s.Notes = "Batch size estimate: 12 patients a year 🧬"
	}
	return s
}

// demoDropItems leaves one to three RFI items unanswered.
func demoDropItems(r *rand.Rand, e *Entity) {
	s := &e.Submissions[0]
	drops := []func(){
		func() { s.Composition = "" },
		func() { s.PharmaceuticalForm = "" },
		func() { s.ExpectedStart = "" },
		func() { s.GMPBefore = Unanswered },
		func() { s.HasAuthorizedPerson = Unanswered },
		func() { e.ContactPhone = "" },
		func() { e.Address = "" },
		func() { s.ProcessType = "" },
		func() {
			if s.PDCompleted == No {
				s.PDFurther = ""
			} else {
				s.PDCompleted = Unanswered
			}
		},
		func() {
			if s.ATPType == ATPGeneTherapy {
				s.GeneVector = ""
			} else {
				s.TherapeuticIndication = ""
			}
		},
		func() {
			if s.NeedsTraining == Yes {
				s.TrainingDetails = ""
			} else {
				s.NeedsTraining = Unanswered
			}
		},
	}
	order := r.Perm(len(drops))
	for _, i := range order[:1+r.IntN(3)] {
		drops[i]()
	}
}

// DemoEvaluations returns fictional evaluations for the entities in
// evaluation, invited, in dialogue or engaged, with EntityID taken from
// entities[i].ID (set the ids first). Some entities have two evaluators; for
// exactly one of them the evaluators disagree (spread 2) on investment. Every
// evaluation is valid. The same seed and entities give the same evaluations.
func DemoEvaluations(seed int64, entities []Entity) []Evaluation {
	r := demoRand(seed, 2)
	var out []Evaluation
	disagreed := false
	for _, e := range entities {
		var lo int
		switch e.Status {
		case StatusEvaluation:
			lo = 2
		case StatusInvited, StatusInDialogue:
			lo = 3
		case StatusEngaged:
			lo = 4
		default:
			continue
		}
		received, _ := time.ParseInLocation(time.DateOnly, e.ReceivedOn, hkt)
		first := Evaluation{
			EntityID:  e.ID,
			Evaluator: demoEvaluators[0],
			Date:      received.AddDate(0, 0, 21+r.IntN(14)).Format(time.DateOnly),
			Scores:    map[Aspect]Score{},
		}
		for _, a := range Aspects() {
			v := min(MaxScore, lo+r.IntN(3)-(r.IntN(4)/3))
			sc := Score{Value: max(MinScore, v)}
			if r.IntN(3) == 0 {
				sc.Note = a.Anchor(sc.Value) + "."
			}
			first.Scores[a] = sc
		}
		first.Recommendation, first.Reason = demoRecommendation(r, e.Status)
		first.CreatedAt = received.AddDate(0, 0, 40).Add(10 * time.Hour)
		first.UpdatedAt = first.CreatedAt
		out = append(out, first)

		if r.IntN(5) < 2 || (!disagreed && e.Status == StatusInvited) {
			second := first
			second.Evaluator = demoEvaluators[1]
			second.Date = received.AddDate(0, 0, 36+r.IntN(7)).Format(time.DateOnly)
			second.Scores = map[Aspect]Score{}
			for _, a := range Aspects() {
				v := first.Scores[a].Value + r.IntN(3) - 1
				second.Scores[a] = Score{Value: max(MinScore, min(MaxScore, v))}
			}
			if !disagreed {
				disagreed = true
				f := first.Scores[AspectInvestment].Value
				d := 2
				if f > 3 {
					d = -2
				}
				second.Scores[AspectInvestment] = Score{Value: f + d, Note: "Investment commitment looks different after the call with their CFO."}
			}
			second.Reason = "Agree with the first evaluation in substance; see notes per aspect."
			second.CreatedAt = first.CreatedAt.Add(72 * time.Hour)
			second.UpdatedAt = second.CreatedAt
			out = append(out, second)
		}
	}
	return out
}

func demoRecommendation(r *rand.Rand, s Status) (Recommendation, string) {
	if s != StatusEvaluation {
		return RecommendInvite, pick(r, []string{
			"Clinical-stage product with a credible team; fits the closed-system suite.",
			"Strong pipeline and committed funding; good use of process development capacity.",
			"First-in-Hong-Kong therapy with local hospital partners; invite to dialogue.",
		})
	}
	switch r.IntN(4) {
	case 0:
		return RecommendMoreInfo, "Need the CMC summary and the funding plan before deciding."
	case 1:
		return RecommendHold, "Good science but timing depends on their next funding round."
	}
	return RecommendInvite, "Promising; invite once the partner facility confirms a slot."
}

// demoPath is the forward path to each status, then the side states' paths.
func demoPath(s Status, r *rand.Rand) []Status {
	forward := []Status{StatusReceived, StatusScreening, StatusEvaluation, StatusInvited, StatusInDialogue, StatusEngaged}
	for i, f := range forward {
		if f == s {
			return forward[:i+1]
		}
	}
	// declined, withdrawn, on hold: leave from an active status.
	from := forward[1+r.IntN(3)]
	if s == StatusOnHold {
		from = forward[1+r.IntN(2)]
	}
	var p []Status
	for _, f := range forward {
		p = append(p, f)
		if f == from {
			break
		}
	}
	return append(p, s)
}

// DemoHistory returns the status changes that brought each entity from its
// registration (From "") to its current status, with EntityID from
// entities[i].ID, reasons for declined, withdrawn and on hold, by the demo
// officer, at times after the entity's received date. Every change is valid.
func DemoHistory(entities []Entity) []StatusChange {
	var out []StatusChange
	for i, e := range entities {
		r := demoRand(int64(i), 3)
		at := e.CreatedAt
		if at.IsZero() {
			at = time.Date(2025, 9, 1, 9, 0, 0, 0, hkt)
		}
		var from Status
		for _, to := range demoPath(e.Status, r) {
			c := StatusChange{EntityID: e.ID, From: from, To: to, By: DemoOfficer, At: at}
			switch to {
			case StatusDeclined:
				c.Reason = pick(r, demoDeclineReasons)
			case StatusWithdrawn:
				c.Reason = pick(r, demoWithdrawReasons)
			case StatusOnHold:
				c.Reason = pick(r, demoHoldReasons)
			case StatusScreening:
				c.Reason = "Acknowledged receipt; checking the pre-requisite information."
			case StatusInvited:
				c.Reason = "Evaluation panel recommends dialogue."
			}
			out = append(out, c)
			from = to
			at = at.AddDate(0, 0, 7+r.IntN(14)).Add(time.Duration(r.IntN(6)) * time.Hour)
		}
	}
	return out
}

// DemoPartners returns the two fictional university partners with their GMP
// facilities and contact people. IDs are 0. Both are valid.
func DemoPartners() []Partner {
	at := time.Date(2025, 8, 15, 10, 0, 0, 0, hkt)
	return []Partner{
		{
			Name:     "Harbour University Centre for Cell Therapy",
			Facility: "Harbour University PIC/S GMP Cell Therapy Facility",
			Address:  "3/F, Clinical Sciences Tower, 21 Harbour University Road, Pok Fu Lam, Hong Kong",
			Contacts: []Contact{
				{Name: "Prof. Martin Ho", Role: "Director", Email: "martin.ho@ccth.harbour-u.example.org", Phone: "+852 3917 0000"},
				{Name: "Dr Cheryl Kwok", Role: "Head of Quality Assurance", Email: "cheryl.kwok@ccth.harbour-u.example.org", Phone: "+852 3917 0001"},
				{Name: "Mr Eric Siu", Role: "Facility manager", Email: "eric.siu@ccth.harbour-u.example.org"},
			},
			Notes:     "Closed-system suite (2 grade B rooms); viral vector work only with prior agreement.",
			CreatedAt: at, UpdatedAt: at,
		},
		{
			Name:     "Tide Cove University Institute for Regenerative Medicine",
			Facility: "Tide Cove GMP Facility for Advanced Therapies",
			Address:  "新界沙田吐露港大學道8號再生醫學大樓5樓",
			Contacts: []Contact{
				{Name: "林佩欣教授 (Prof. Pui Yan Lam)", Role: "Director", Email: "py.lam@irm.tidecove-u.example.org", Phone: "+852 3943 0000"},
				{Name: "Dr Nathan Chow", Role: "Head of Production", Email: "nathan.chow@irm.tidecove-u.example.org", Phone: "+852 3943 0002 ext 15"},
			},
			Notes:     "Tissue engineering and MSC expansion; open manual processing in grade A/B.",
			CreatedAt: at, UpdatedAt: at,
		},
	}
}

// DemoMeetings returns two fictional dialogue meetings: a past one (five
// weeks before DemoDay) with minutes, outcome and follow-up actions (one
// done, one due 5 days before DemoDay, one due 10 days after), discussing
// some entities that are in dialogue or engaged, and an upcoming one (19
// days after DemoDay) with only an agenda, discussing invited entities. Partner and entity ids come from the arguments (set them
// first). Both are valid when the ids are.
func DemoMeetings(partners []Partner, entities []Entity) []Meeting {
	var pids []int64
	for _, p := range partners {
		pids = append(pids, p.ID)
	}
	var past, next []int64
	for _, e := range entities {
		switch e.Status {
		case StatusInDialogue, StatusEngaged:
			if len(past) < 4 {
				past = append(past, e.ID)
			}
		case StatusInvited:
			if len(next) < 3 {
				next = append(next, e.ID)
			}
		}
	}
	at := DemoDay.AddDate(0, 0, -37).Add(14*time.Hour + 30*time.Minute) // a Thursday
	due := func(days int) string { return DemoDay.AddDate(0, 0, days).Format(time.DateOnly) }
	return []Meeting{
		{
			Title:      "Dialogue meeting 1: process development capacity",
			StartsAt:   at,
			Place:      "Conference Room 3, Building 17W, Hong Kong Science Park",
			PartnerIDs: pids,
			Attendees:  []string{DemoOfficer, demoEvaluators[0], demoEvaluators[1]},
			EntityIDs:  past,
			Agenda:     "1. Capacity of the two GMP facilities for the next two years\n2. Entities' process development needs\n3. Training of key personnel\n4. Next steps",
			Minutes:    "Partners presented suite availability. Each entity's readiness and capacity need was discussed in turn.\n會上同意先處理已有臨床方案嘅項目。",
			Outcome:    "Two entities to start technical transfer discussions; training needs to be pooled into one Authorized Person course.",
			Actions: []Action{
				{Text: "Send each entity the facility's technical questionnaire", Owner: DemoOfficer, Due: due(-23), Done: true},
				{Text: "Draft a pooled GMP training plan for Authorized Persons", Owner: "Dr Cheryl Kwok", Due: due(10)},
				{Text: "Confirm closed-system suite slots for the next quarter", Owner: "Mr Eric Siu", Due: due(-5)},
			},
			CreatedAt: at.AddDate(0, 0, -14), UpdatedAt: at.AddDate(0, 0, 1),
		},
		{
			Title:      "Dialogue meeting 2: newly invited entities",
			StartsAt:   at.AddDate(0, 0, 56),
			Place:      "Video call (confidential link sent separately)",
			PartnerIDs: pids,
			Attendees:  []string{DemoOfficer, demoEvaluators[0]},
			EntityIDs:  next,
			Agenda:     "1. Introductions\n2. Each invited entity's pre-requisite information\n3. Indicative timelines and fees",
			CreatedAt:  at.AddDate(0, 0, 18), UpdatedAt: at.AddDate(0, 0, 18),
		},
	}
}

// DemoMeetingRecords returns DemoMeetings as the register keeps them: the
// first meeting has minutes for each entity on its list.
func DemoMeetingRecords(partners []Partner, entities []Entity) []MeetingRecord {
	ms := DemoMeetings(partners, entities)
	out := make([]MeetingRecord, len(ms))
	for i, m := range ms {
		out[i] = MeetingRecord{Meeting: m}
		if i == 0 {
			out[i].EntityMinutes = map[int64]string{}
			for j, id := range m.EntityIDs {
				out[i].EntityMinutes[id] = demoEntityMinutes[j%len(demoEntityMinutes)]
			}
		}
	}
	return out
}

// DemoConflict is the demo's conflict of interest: the second partner with
// the second entity of the first meeting (left out of that partner's
// materials), declared when the meeting was planned; ok is false when the
// demo has too few partners or entities for it. Partners and meetings must
// carry their ids; CreatedBy is left to whoever loads the demo.
func DemoConflict(partners []Partner, meetings []MeetingRecord) (c Conflict, ok bool) {
	if len(partners) < 2 || len(meetings) == 0 || len(meetings[0].EntityIDs) < 2 {
		return Conflict{}, false
	}
	m := meetings[0]
	return Conflict{PartnerID: partners[1].ID, PartnerName: partners[1].Name, EntityID: m.EntityIDs[1], Reason: demoConflictReason,
		CreatedAt: m.CreatedAt}, true
}

// demoConflictReason is the fictional conflict of interest of the demo.
const demoConflictReason = "The institute's director holds shares in the entity's parent company (declared when the first meeting was planned)."

var demoEntityMinutes = []string{
	"Presented the lead product's CMC status; the partner asked for the viral vector supplier's audit report.",
	"Closed-system process fits the grade B suite; technical transfer could start next quarter.",
	"Needs an Authorized Person before GMP runs; joins the pooled training course.",
	"Timeline depends on the Series B round; revisit at the next meeting.",
}
