package postgres_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"pasapas/progress/postgres"
	"pasapas/record"
)

// tlsURL is the test server's address through TLS with sslmode=verify-full
// and the CA .ci/postgres made with openssl, for the name "localhost".
func tlsURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("PASAPAS_TEST_PGTLS")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PostgreSQL TLS: PASAPAS_TEST_PGTLS not set under CI=true: .ci/postgres must start the server with TLS")
		}
		t.Skip("PostgreSQL TLS: PASAPAS_TEST_PGTLS not set (bash .ci/run sets it; or: .ci/postgres start DIR && . DIR/env)")
	}
	return u
}

// A PC connects with sslmode=verify-full and the place's own CA; the same
// server reached under a name its certificate does not carry, or checked
// against another CA, is refused, and said so (not "unreachable").
func TestTLSVerifyFull(t *testing.T) {
	u := tlsURL(t)
	sch := schema(t)
	ctx := context.Background()
	openWith := func(url string) (*postgres.Store, error) {
		return postgres.Open(ctx, postgres.Options{URL: url, Place: "Médiathèque des Tilleuls",
			Config: func(c *pgxpool.Config) { c.ConnConfig.RuntimeParams["search_path"] = sch }})
	}
	s, err := openWith(u)
	if err != nil {
		t.Fatalf("verify-full with the place's CA: %v", err)
	}
	if _, err := s.CreateLearner(ctx, "Léa", "", record.Prefs{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	var ssl bool
	var version string
	if err := conn.QueryRow(ctx, "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&ssl, &version); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	if !ssl {
		t.Fatal("the connection is not encrypted")
	}
	t.Logf("connected with %s, certificate checked (verify-full)", version)

	// The certificate is for "localhost": 127.0.0.1 is a wrong host name.
	wrongHost := strings.Replace(u, "@localhost:", "@127.0.0.1:", 1)
	if _, err := openWith(wrongHost); !isCertificateError(err) {
		t.Errorf("wrong host name: %v, want a certificate error", err)
	}

	// Another CA than the place's.
	other := filepath.Join(t.TempDir(), "autre-ca.crt")
	writeCA(t, other)
	q := strings.Index(u, "sslrootcert=")
	wrongCA := u[:q] + "sslrootcert=" + other
	if _, err := openWith(wrongCA); !isCertificateError(err) {
		t.Errorf("another CA: %v, want a certificate error", err)
	}
}

func isCertificateError(err error) bool {
	var ce *postgres.CertificateError
	return err != nil && errors.As(err, &ce) && !postgres.IsUnreachable(err) && ce.Message("fr") != ""
}

// writeCA writes a self-signed CA certificate that signed nothing.
func writeCA(t *testing.T, path string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Une autre autorité"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
}
