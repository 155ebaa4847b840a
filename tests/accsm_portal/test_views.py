def test_the_floor_answers_a_fixed_json_without_the_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/floor")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
