package scenario

import (
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/grassroots-sim/grassroots/sim"
)

// maxChain bounds the extends chain; cycles are caught before this.
const maxChain = 32

// Load reads the scenario ref (a file path, or a built-in name: no path
// separator and no .toml suffix; an existing file of that exact name wins),
// resolves its extends chain, applies the --set overrides and validates the
// result. Any error is an Errors listing every problem found.
func Load(ref string, overrides []string) (*Scenario, error) {
	return (*DataCache)(nil).Load(ref, overrides)
}

// LoadBytes is Load for a scenario held in memory and called name (used in
// errors and as the default scenario name). A relative extends path
// resolves against the current directory.
func LoadBytes(name string, data []byte, overrides []string) (*Scenario, error) {
	src := &source{name: name, id: fileID(name), dir: ".", text: string(data)}
	if name == "" {
		src.name, src.id = "<bytes>", "<bytes>"
	}
	return load(src, overrides, nil)
}

// origin is where a key got its value.
type origin struct {
	source string
	line   int
	rank   int // sort rank of source
}

// after reports whether o was written after p: later in the chain, or
// further down the same file.
func (o origin) after(p origin) bool {
	if o.rank != p.rank {
		return o.rank > p.rank
	}
	return o.line > p.line
}

// loader holds the state of one Load call.
type loader struct {
	errs     Errors
	dataErrs Errors // problems in data files, in reading order
	origins  map[string]origin
	data     *DataCache // nil: data files are read afresh
	refused  error      // from data.BeforeRead: Load's whole error
}

var documentType = reflect.TypeFor[document]()

// step is one layer applied to the document: a file of the chain or an
// override.
type step struct {
	source string
	rank   int
	text   string                  // TOML to decode
	tree   map[string]any          // its valid keys, for origins
	line   func(path []string) int // line of a key in source, or 0
}

func noLine([]string) int { return 0 }

func load(leaf *source, overrides []string, data *DataCache) (*Scenario, error) {
	l := &loader{origins: map[string]origin{}, data: data}
	chain, err := resolveChain(leaf)
	if err != nil {
		return nil, Errors{err}
	}
	var files, sets []step
	for rank, src := range chain {
		c := treeChecker{source: src.name, rank: rank, line: src.lines.line, errs: &l.errs}
		st := step{source: src.name, rank: rank, text: src.text, line: src.lines.line}
		st.tree = c.table(nil, src.tree, documentType)
		if c.failed {
			// Decode what is valid, so that range errors elsewhere in
			// the file are reported now rather than after the next fix.
			var b strings.Builder
			if err := toml.NewEncoder(&b).Encode(st.tree); err != nil {
				continue
			}
			st.text = b.String()
		}
		files = append(files, st)
	}
	for i, text := range overrides {
		if o := l.parseOverride(text, len(chain)+i); o != nil {
			sets = append(sets, step{source: o.source, rank: o.rank, text: o.doc, tree: o.tree, line: noLine})
		}
	}
	structural := len(l.errs)

	doc := document{Seed: defaultSeed, Replications: defaultReplications, Config: sim.Defaults()}
	for _, st := range files {
		// Name and description belong to the file that states them: a
		// scenario extending "baseline" is not called "baseline".
		doc.Name, doc.Description = "", ""
		l.apply(&doc, st)
	}
	for _, st := range sets {
		l.apply(&doc, st)
	}
	if doc.Name == "" {
		doc.Name = defaultName(leaf.name)
	} else if msg := nameError(doc.Name); msg != "" {
		l.fail("name", msg)
	}
	normalize(reflect.ValueOf(&doc).Elem())
	l.checkLimits(reflect.ValueOf(doc), documentType, nil)
	// Cross-field rules would judge defaults standing in for rejected
	// values; wait until the values themselves are right.
	if structural == 0 {
		for _, fe := range doc.Config.Validate() {
			l.fail(fe.Path, fe.Msg)
		}
	}
	// Data files are read once the keys that name them are known to be
	// strings; their problems are reported with the scenario's.
	dataSum := ""
	if structural == 0 {
		dataSum = l.readData(&doc.Config, chain)
	}
	if l.refused != nil {
		return nil, l.refused
	}
	if len(l.errs)+len(l.dataErrs) > 0 {
		return nil, l.result()
	}
	s := &Scenario{
		DataHash:     dataSum,
		Name:         doc.Name,
		Description:  doc.Description,
		Seed:         doc.Seed,
		Replications: doc.Replications,
		Config:       doc.Config,
	}
	for _, src := range chain {
		s.Sources = append(s.Sources, src.name)
	}
	s.Warnings = l.projectWarnings(&s.Config)
	return s, nil
}

// resolveChain parses leaf and the files it extends, base first.
func resolveChain(leaf *source) ([]*source, *Error) {
	chain := []*source{leaf}
	seen := map[string]bool{leaf.id: true}
	for cur := leaf; ; {
		if err := cur.parse(); err != nil {
			return nil, err
		}
		next, err := cur.extends()
		if err != nil {
			return nil, err
		}
		if next == nil {
			break
		}
		if seen[next.id] || len(chain) >= maxChain {
			names := []string{}
			for _, s := range chain {
				names = append(names, s.name)
			}
			msg := "cycle: " + strings.Join(append(names, next.name), " -> ")
			if !seen[next.id] {
				msg = fmt.Sprintf("chain longer than %d files: %s", maxChain, strings.Join(names, " -> "))
			}
			return nil, &Error{Source: cur.name, Line: cur.lines.line([]string{"extends"}), Key: "extends", Msg: msg}
		}
		seen[next.id] = true
		chain = append(chain, next)
		cur = next
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain, nil
}

// apply decodes one step into doc and notes where its values came from.
// The tree checker has accepted the text, so a decoder error here means the
// checker missed a case.
func (l *loader) apply(doc *document, st step) {
	md, err := toml.Decode(st.text, doc)
	if err != nil {
		l.errs = append(l.errs, &Error{Source: st.source, Msg: err.Error(), rank: st.rank})
		return
	}
	for _, k := range md.Undecoded() {
		l.errs = append(l.errs, &Error{Source: st.source, Line: st.line(k), Msg: fmt.Sprintf("unknown key %q", k.String()), rank: st.rank})
	}
	l.record(nil, st.tree, origin{source: st.source, rank: st.rank}, st.line)
}

// record notes the origin of every value set in tree.
func (l *loader) record(path []string, tree map[string]any, o origin, line func([]string) int) {
	keys := slices.Sorted(maps.Keys(tree))
	for _, k := range keys {
		p := append(path[:len(path):len(path)], k)
		if sub, ok := tree[k].(map[string]any); ok {
			l.record(p, sub, o, line)
			continue
		}
		o.line = line(p)
		l.origins[join(p)] = o
	}
}

// defaultRank sorts errors about values nobody set after all others.
const defaultRank = 1 << 30

// locate returns where key (or, for a table, the latest key under it) was
// set.
func (l *loader) locate(key string) origin {
	if o, ok := l.origins[key]; ok {
		return o
	}
	best, found := origin{source: "(default)", rank: defaultRank}, false
	for k, o := range l.origins {
		if strings.HasPrefix(k, key+".") && (!found || o.after(best)) {
			best, found = o, true
		}
	}
	return best
}

// fail records a problem with the final value of key.
func (l *loader) fail(key, msg string) {
	o := l.locate(key)
	l.errs = append(l.errs, &Error{Source: o.source, Line: o.line, Key: key, Msg: msg, rank: o.rank})
}

func (l *loader) result() Errors {
	l.errs.sort()
	return append(l.errs, l.dataErrs...)
}

// defaultName is the file's base name without .toml, with any rune that
// nameError rejects replaced by "-".
func defaultName(source string) string {
	if source == "<bytes>" {
		return "scenario"
	}
	base := strings.TrimSuffix(filepath.Base(strings.TrimPrefix(source, builtinPrefix)), ".toml")
	name := strings.Map(func(r rune) rune {
		if nameRune(r) {
			return r
		}
		return '-'
	}, base)
	if len(name) > maxName {
		name = strings.ToValidUTF8(name[:maxName], "")
	}
	if nameError(name) != "" || !strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return "scenario"
	}
	return name
}

// normalize turns empty slices into nil, so that a Config read back from its
// encoding ("x = []") equals the original whichever form it had.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				normalize(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Len() == 0 && !v.IsNil() {
			v.SetZero()
		}
	}
}
