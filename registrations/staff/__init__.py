"""The secretariat's registration pages under /<lang>/secretariat/meetings/<pk>/: a meeting's registrations,
participants added or corrected on a country's request, and the exports."""
