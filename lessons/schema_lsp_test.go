package lessons

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// lspClient drives the real yaml-language-server over stdio, as VS Code's
// YAML extension does: open a document, read the diagnostics it publishes.
type lspClient struct {
	t     *testing.T
	in    io.WriteCloser
	mu    sync.Mutex
	diags map[string]chan []lspDiag
	next  int
}

type lspDiag struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
	} `json:"range"`
	Message  string `json:"message"`
	Severity int    `json:"severity"`
}

// yamlLanguageServer starts yaml-language-server, or skips the test when
// it is not installed (fails under CI=true: .ci/run installs it).
func yamlLanguageServer(t *testing.T) *lspClient {
	t.Helper()
	bin, err := exec.LookPath("yaml-language-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("yaml-language-server is needed under CI (.ci/run installs it: npm install -g yaml-language-server)")
		}
		t.Skip("SKIP: yaml-language-server is not installed (npm install -g yaml-language-server; .ci/run installs it): the schema is not tried in the editor's validator")
	}
	cmd := exec.Command(bin, "--stdio")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &lspClient{t: t, in: in, diags: map[string]chan []lspDiag{}}
	t.Cleanup(func() {
		in.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
		}
	})
	initialized := make(chan struct{})
	go c.read(bufio.NewReader(out), initialized)
	root, _ := filepath.Abs("..")
	c.send(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{
		"processId": os.Getpid(), "rootUri": fileURI(root), "locale": "fr",
		"capabilities": map[string]any{"workspace": map[string]any{"configuration": true},
			"textDocument": map[string]any{"publishDiagnostics": map[string]any{}}},
	}})
	select {
	case <-initialized:
	case <-time.After(30 * time.Second):
		t.Fatal("yaml-language-server did not answer initialize within 30 s")
	}
	c.send(map[string]any{"jsonrpc": "2.0", "method": "initialized", "params": map[string]any{}})
	c.send(map[string]any{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": map[string]any{"settings": lspSettings()}})
	return c
}

func lspSettings() map[string]any {
	return map[string]any{"yaml": map[string]any{
		"validate": true, "hover": true, "completion": true,
		"schemaStore": map[string]any{"enable": false}, "schemas": map[string]any{},
	}}
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func (c *lspClient) send(msg map[string]any) {
	data, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(data), data)
}

// read answers the server's requests and hands out the diagnostics.
func (c *lspClient) read(r *bufio.Reader, initialized chan struct{}) {
	once := sync.Once{}
	for {
		n := 0
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				n, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var msg struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
		}
		if json.Unmarshal(body, &msg) != nil {
			continue
		}
		switch {
		case msg.Method == "" && string(msg.ID) == "1":
			once.Do(func() { close(initialized) })
		case msg.Method == "workspace/configuration":
			var p struct{ Items []struct{ Section string } }
			json.Unmarshal(msg.Params, &p)
			res := make([]any, len(p.Items))
			for i, it := range p.Items {
				res[i] = lspSettings()["yaml"]
				if it.Section != "yaml" {
					res[i] = nil
				}
			}
			c.send(map[string]any{"jsonrpc": "2.0", "id": msg.ID, "result": res})
		case msg.Method != "" && len(msg.ID) > 0:
			c.send(map[string]any{"jsonrpc": "2.0", "id": msg.ID, "result": nil})
		case msg.Method == "textDocument/publishDiagnostics":
			var p struct {
				URI         string    `json:"uri"`
				Diagnostics []lspDiag `json:"diagnostics"`
			}
			json.Unmarshal(msg.Params, &p)
			c.channel(p.URI) <- p.Diagnostics
		}
	}
}

func (c *lspClient) channel(uri string) chan []lspDiag {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch, ok := c.diags[uri]
	if !ok {
		ch = make(chan []lspDiag, 16)
		c.diags[uri] = ch
	}
	return ch
}

// check opens a document and returns the diagnostics the server publishes
// for it once they settle.
func (c *lspClient) check(path, text string) []lspDiag {
	c.t.Helper()
	uri := fileURI(path)
	ch := c.channel(uri)
	c.send(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
	var got []lspDiag
	select {
	case got = <-ch:
	case <-time.After(30 * time.Second):
		c.t.Fatalf("%s: no diagnostics from yaml-language-server within 30 s", path)
	}
	for settle := time.After(200 * time.Millisecond); ; {
		select {
		case got = <-ch:
		case <-settle:
			c.send(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": map[string]any{"textDocument": map[string]any{"uri": uri}}})
			return got
		}
	}
}

// TestSchemaWithYAMLLanguageServer: the real yaml-language-server, with the
// committed schema, finds nothing in the built-in content, and finds each
// broken file's mistake, on its line.
func TestSchemaWithYAMLLanguageServer(t *testing.T) {
	c := yamlLanguageServer(t)
	root := filepath.Join("..", "content")
	type doc struct{ path, uri string }
	var docs []doc
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !strings.HasPrefix(string(data), "# yaml-language-server: $schema=") {
			t.Errorf("%s: no schema line", p)
		}
		abs, _ := filepath.Abs(p)
		uri := fileURI(abs)
		c.channel(uri)
		c.send(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{
			"textDocument": map[string]any{"uri": uri, "languageId": "yaml", "version": 1, "text": string(data)}}})
		docs = append(docs, doc{p, uri})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 50 {
		t.Fatalf("only %d built-in files checked", len(docs))
	}
	last := map[string][]lspDiag{}
	for _, d := range docs {
		select {
		case last[d.uri] = <-c.channel(d.uri):
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: no diagnostics from yaml-language-server within 60 s", d.path)
		}
	}
	time.Sleep(500 * time.Millisecond) // a second publication, if any
	for _, d := range docs {
		for ch := c.channel(d.uri); len(ch) > 0; {
			last[d.uri] = <-ch
		}
		for _, g := range last[d.uri] {
			t.Errorf("%s:%d:%d: %s", d.path, g.Range.Start.Line+1, g.Range.Start.Character+1, g.Message)
		}
	}
	t.Logf("%d built-in files checked by yaml-language-server", len(docs))

	schema, _ := filepath.Abs(filepath.Join("..", "docs", "schema", "pasapas.schema.json"))
	head := "# yaml-language-server: $schema=" + schema + "\n"
	dir := t.TempDir()
	for _, tc := range schemaBroken {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".yaml")
			diags := c.check(path, head+tc.yaml)
			var lines []string
			ok := false
			for _, d := range diags {
				lines = append(lines, fmt.Sprintf("%d: %s", d.Range.Start.Line, d.Message))
				// Line numbers count from 0: the schema line is 0, the
				// file's first line 1.
				if d.Range.Start.Line == tc.line && strings.Contains(d.Message, tc.message) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("want line %d %q; got:\n%s", tc.line, tc.message, strings.Join(lines, "\n"))
			}
		})
	}
	for _, tc := range schemaAccepted {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".yaml")
			for _, d := range c.check(path, head+tc.yaml) {
				t.Errorf("%d: %s", d.Range.Start.Line, d.Message)
			}
		})
	}
}
