package dev.roster.testing;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;
import java.util.Map;

/** The fake platform's API: a plain REST list of accounts. */
@Headers("Content-Type: application/json")
interface FakeApi {
  @RequestLine("GET /accounts")
  List<Map<String, Object>> list();

  @RequestLine("POST /accounts")
  Map<String, Object> create(Map<String, Object> body);

  @RequestLine(value = "PUT /accounts/{id}", decodeSlash = false)
  Map<String, Object> update(@Param("id") String id, Map<String, Object> body);

  @RequestLine(value = "DELETE /accounts/{id}", decodeSlash = false)
  void delete(@Param("id") String id);
}
