package org.ltibridge.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** One generation of LTI Bridge's signing key; the private half is stored encrypted. */
@Entity
@Table(name = "signing_keys")
@NamedQuery(name = SigningKeyRow.ALL, query = "SELECT k FROM SigningKeyRow k ORDER BY k.generation")
public class SigningKeyRow {

  public static final String ALL = "SigningKeyRow.all";

  @Id private String kid;

  @Column(nullable = false)
  private int generation;

  @Column(name = "public_jwk", nullable = false)
  private String publicJwk;

  @Column(name = "private_jwk_enc", nullable = false)
  private String privateJwkEncrypted;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "signs_from", nullable = false)
  private LocalDateTime signsFrom;

  protected SigningKeyRow() {}

  public SigningKeyRow(
      String kid,
      int generation,
      String publicJwk,
      String privateJwkEncrypted,
      LocalDateTime createdAt,
      LocalDateTime signsFrom) {
    this.kid = kid;
    this.generation = generation;
    this.publicJwk = publicJwk;
    this.privateJwkEncrypted = privateJwkEncrypted;
    this.createdAt = createdAt;
    this.signsFrom = signsFrom;
  }

  public String kid() {
    return kid;
  }

  public int generation() {
    return generation;
  }

  public String publicJwk() {
    return publicJwk;
  }

  public String privateJwkEncrypted() {
    return privateJwkEncrypted;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public LocalDateTime signsFrom() {
    return signsFrom;
  }
}
